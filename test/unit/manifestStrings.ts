/**
 * The user-visible strings a package.json contributes, with where each one is: what must go through
 * package.nls.json. Model-facing text (a tool's `modelDescription`, its input schema) is read by a
 * language model, not shown, and stays as written.
 */
export interface ManifestString {
  path: string;
  value: unknown;
}

type Json = Record<string, unknown>;

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const asObject = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});

export function userVisibleStrings(manifest: Json): ManifestString[] {
  const found: ManifestString[] = [];
  const take = (path: string, object: Json, keys: string[]) => {
    for (const key of keys) if (key in object) found.push({ path: `${path}.${key}`, value: object[key] });
  };
  const takeList = (path: string, list: unknown) => asArray(list).forEach((value, i) => found.push({ path: `${path}[${i}]`, value }));
  take("", manifest, ["displayName", "description"]);
  const c = asObject(manifest.contributes);
  for (const [where, containers] of Object.entries(asObject(c.viewsContainers))) {
    asArray(containers).forEach((container, i) => take(`viewsContainers.${where}[${i}]`, container, ["title"]));
  }
  for (const [where, views] of Object.entries(asObject(c.views))) {
    asArray(views).forEach((view, i) => take(`views.${where}[${i}]`, view, ["name", "contextualTitle"]));
  }
  asArray(c.viewsWelcome).forEach((welcome, i) => take(`viewsWelcome[${i}]`, welcome, ["contents"]));
  asArray(c.commands).forEach((command, i) => take(`commands[${i}]`, command, ["title", "shortTitle", "category"]));
  asArray(c.submenus).forEach((submenu, i) => take(`submenus[${i}]`, submenu, ["label"]));
  for (const [i, configuration] of (Array.isArray(c.configuration) ? asArray(c.configuration) : [asObject(c.configuration)]).entries()) {
    take(`configuration[${i}]`, configuration, ["title"]);
    const describe = (path: string, schema: Json) => {
      take(path, schema, ["description", "markdownDescription", "deprecationMessage", "markdownDeprecationMessage"]);
      takeList(`${path}.enumDescriptions`, schema.enumDescriptions);
      takeList(`${path}.markdownEnumDescriptions`, schema.markdownEnumDescriptions);
      for (const [name, property] of Object.entries(asObject(schema.properties))) describe(`${path}.properties.${name}`, asObject(property));
      if (schema.items) describe(`${path}.items`, asObject(schema.items));
    };
    for (const [name, property] of Object.entries(asObject(configuration.properties))) describe(`configuration[${i}].${name}`, asObject(property));
  }
  asArray(c.chatParticipants).forEach((participant, i) => {
    take(`chatParticipants[${i}]`, participant, ["fullName", "description"]);
    asArray(participant.commands).forEach((command, j) => take(`chatParticipants[${i}].commands[${j}]`, command, ["description"]));
  });
  asArray(c.languageModelTools).forEach((tool, i) => take(`languageModelTools[${i}]`, tool, ["displayName", "userDescription"]));
  asArray(c.taskDefinitions).forEach((definition, i) => {
    for (const [name, property] of Object.entries(asObject(definition.properties))) take(`taskDefinitions[${i}].${name}`, asObject(property), ["description"]);
  });
  asArray(c.debuggers).forEach((debuggerType, i) => {
    take(`debuggers[${i}]`, debuggerType, ["label"]);
    for (const [request, attributes] of Object.entries(asObject(debuggerType.configurationAttributes))) {
      for (const [name, property] of Object.entries(asObject(asObject(attributes).properties))) take(`debuggers[${i}].${request}.${name}`, asObject(property), ["description"]);
    }
    asArray(debuggerType.configurationSnippets).forEach((snippet, j) => take(`debuggers[${i}].configurationSnippets[${j}]`, snippet, ["label", "description"]));
  });
  asArray(c.walkthroughs).forEach((walkthrough, i) => {
    take(`walkthroughs[${i}]`, walkthrough, ["title", "description"]);
    asArray(walkthrough.steps).forEach((step, j) => take(`walkthroughs[${i}].steps[${j}]`, step, ["title", "description"]));
  });
  return found;
}
