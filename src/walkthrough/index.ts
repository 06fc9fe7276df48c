/** The Get Started walkthrough as extension.ts sees it. */
export { trackWalkthroughProgress } from "./walkthroughProgress";
