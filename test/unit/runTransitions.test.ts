import assert from "node:assert/strict";
import { RUN_EVENTS, RUN_STATES, RUN_TRANSITIONS, RunTransitionError, formatTransitionTable, phaseOf, transition } from "../../src/chat/runStates";

describe("run state machine: the transition table", () => {
  before(() => {
    console.log(formatTransitionTable().replace(/^/gm, "      "));
  });

  for (const state of RUN_STATES) {
    it(`${state}: every listed event leads to its state, every other event is rejected`, () => {
      for (const event of RUN_EVENTS) {
        const expected = RUN_TRANSITIONS[state][event];
        if (expected) assert.equal(transition(state, event), expected, `${state} --${event}-->`);
        else assert.throws(() => transition(state, event), (error: unknown) => error instanceof RunTransitionError && error.state === state && error.event === event);
      }
    });
  }

  it("every state is reachable from idle and can get back to idle", () => {
    const reach = (from: string) => {
      const seen = new Set([from]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const state of [...seen]) {
          for (const next of Object.values(RUN_TRANSITIONS[state as keyof typeof RUN_TRANSITIONS])) {
            if (next && !seen.has(next)) {
              seen.add(next);
              grew = true;
            }
          }
        }
      }
      return seen;
    };
    assert.deepEqual([...reach("idle")].sort(), [...RUN_STATES].sort());
    for (const state of RUN_STATES) assert.ok(reach(state).has("idle"), `${state} gets back to idle`);
  });

  it("maps every state to a phase the webview knows", () => {
    assert.deepEqual(
      RUN_STATES.map((s) => [s, phaseOf(s)]),
      [
        ["idle", "idle"],
        ["starting", "starting"],
        ["streaming", "streaming"],
        ["rejoining", "streaming"],
        ["interrupted", "idle"],
        ["stopping", "stopping"],
        ["failed", "idle"],
      ],
    );
  });

  it("prints one line per state", () => {
    const lines = formatTransitionTable().split("\n");
    assert.equal(lines.length, RUN_STATES.length);
    assert.match(lines[0], /^idle\s+start → starting, rejoin → rejoining, next → rejoining, interrupt → interrupted$/);
  });
});
