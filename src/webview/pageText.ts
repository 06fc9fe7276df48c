/** The chat page's own text: the table the host built (`chatPageStrings`), read as the page starts. */
import { pageTextTable } from "../common/pageStrings";
import { chatPageStrings } from "../protocol/chatPageStrings";

const table = pageTextTable(chatPageStrings);

export const loadPageText = table.load;
export const pageText = table.text;
export { fill } from "../common/pageStrings";
