/**
 * What the deployment SDK imports from @langchain/core, loaded on first use. Only the SDK's thread streams
 * (its newer streaming protocol, which the extension does not use) build core's messages and v7 ids, yet
 * importing them made every activation load core and langsmith, three fifths of the host bundle.
 * esbuild.mjs points the SDK's imports of them here; the first use requires the real ones.
 */
type Core = typeof import("./langchainCore");

let core: Core | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates core's chunk only here
const load = (): Core => (core ??= require("./langchainCore") as Core);

/** Stands for one of core's classes: `new`, `instanceof`, `extends` and static members all reach the real class. */
function onDemandClass<K extends keyof Core>(name: K): Core[K] {
  const real = () => load()[name] as unknown as new (...args: unknown[]) => object;
  const stand: object = new Proxy(function onDemand() {}, {
    // `new AIMessage(…)` makes the real class's instance; a subclass's `new` keeps its own prototype.
    construct: (_target, args: unknown[], newTarget): object => Reflect.construct(real(), args, newTarget === stand ? real() : newTarget) as object,
    get: (_target, key): unknown => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  return stand as Core[K];
}

function onDemandFunction<K extends keyof Core>(name: K): Core[K] {
  return ((...args: unknown[]) => (load()[name] as (...args: unknown[]) => unknown)(...args)) as Core[K];
}

export const AIMessage = /* @__PURE__ */ onDemandClass("AIMessage");
export const AIMessageChunk = /* @__PURE__ */ onDemandClass("AIMessageChunk");
export const BaseMessageChunk = /* @__PURE__ */ onDemandClass("BaseMessageChunk");
export const HumanMessage = /* @__PURE__ */ onDemandClass("HumanMessage");
export const HumanMessageChunk = /* @__PURE__ */ onDemandClass("HumanMessageChunk");
export const RemoveMessage = /* @__PURE__ */ onDemandClass("RemoveMessage");
export const SystemMessage = /* @__PURE__ */ onDemandClass("SystemMessage");
export const SystemMessageChunk = /* @__PURE__ */ onDemandClass("SystemMessageChunk");
export const ToolMessage = /* @__PURE__ */ onDemandClass("ToolMessage");
export const ToolMessageChunk = /* @__PURE__ */ onDemandClass("ToolMessageChunk");
export const coerceMessageLikeToMessage = /* @__PURE__ */ onDemandFunction("coerceMessageLikeToMessage");
export const convertToChunk = /* @__PURE__ */ onDemandFunction("convertToChunk");
export const v7 = /* @__PURE__ */ onDemandFunction("v7");
