// ESLint over the TypeScript of src, test, bench and scripts, with type information (`npm run lint`,
// part of `npm test`, with no warning allowed).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "out/**",
      "node_modules/**",
      ".cache/**",
      ".langgraph_api/**",
      ".vscode-test/**",
      "bench/results/**",
      "test-results/**",
      // Shaped to break the dependency rules on purpose; dependencyRules.test.ts checks them.
      "test/fixtures/dependencyRules/**",
    ],
  },
  {
    files: ["src/**/*.ts", "test/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Off: an async function without `await` is how this code honours a Promise-returning contract
      // (VS Code providers, gateway-shaped fakes in tests) and turns a throw into a rejection; dropping
      // `async` would make those throws synchronous, which callers do not expect.
      "@typescript-eslint/require-await": "off",
      // `_name` marks a parameter or binding kept on purpose (a callback's shape, a rest-omit).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
);
