/** The Needs Input view as extension.ts sees it. */
export { InboxTreeProvider } from "./inboxTreeProvider";
export { registerInboxCommands } from "./inboxRegistrations";
export { ThreadNotifications } from "./threadNotifications";
export { notificationScope, notificationTiming, showThreadNotice } from "./threadNotices";
