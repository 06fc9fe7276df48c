/** The graph page's own text: the table the host built (`graphPageStrings`), read as the page starts. */
import { pageTextTable } from "../common/pageStrings";
import { graphPageStrings } from "../protocol/graphPageStrings";

const table = pageTextTable(graphPageStrings);

export const loadPageText = table.load;
export const pageText = table.text;
export { fill } from "../common/pageStrings";
