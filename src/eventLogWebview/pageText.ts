/** The event log page's own text: the table the host built (`eventLogPageStrings`), read as the page starts. */
import { pageTextTable } from "../common/pageStrings";
import { eventLogPageStrings } from "../protocol/eventLogPageStrings";

const table = pageTextTable(eventLogPageStrings);

export const loadPageText = table.load;
export const pageText = table.text;
export { fill } from "../common/pageStrings";
