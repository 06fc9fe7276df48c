/** The Needs Input view as extension.ts sees it. */
export { InboxTreeProvider } from "./inboxTreeProvider";
export { registerInboxCommands } from "./inboxCommands";
export { ThreadNotifications } from "./threadNotifications";
export { notificationScope, notificationTiming, showThreadNotice } from "./threadNotices";
