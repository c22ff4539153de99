// Lint: typescript-eslint's recommended rules, plus the import rules that keep the architecture
// (docs/architecture.md): layers import one way (core ← constructs ← app ← tf-module; report ←
// core), and nothing loads the @cdktf/provider-aws package root (4-10 s, 0.5 GB per process).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Relative imports that climb into one of these layers (`../app/x`, `../../constructs/y`). */
const layer = (...names) => `^(\\.\\./)+(${names.join("|")})(/|$)`;

const PROVIDER_ROOT = {
  name: "@cdktf/provider-aws",
  message: "The package root loads all 2,212 resource modules (4-10 s, ~0.5 GB): import @cdktf/provider-aws/lib/<resource>.",
};
/** Allowed everywhere: `cdktf`, `cdktf/lib/...`, `@cdktf/provider-aws/lib/<resource>` (the forms a cdktn rename moves). */
const CDKTF_FORMS = [
  { regex: "^@cdktf/provider-aws/lib/[^/]+/.+", message: "Import the resource module itself: @cdktf/provider-aws/lib/<resource>." },
  { regex: "^@cdktf/(?!provider-aws(/|$))", message: "Only cdktf, cdktf/lib/... and @cdktf/provider-aws/lib/<resource> are used (a cdktn rename moves exactly these)." },
];
const CDKTF_INTERNALS = { regex: "^cdktf/lib/", message: "No cdktf internals in modules/: use cdktf's public API (an unavoidable one goes in modules/app/cdktf-adapter.ts)." };
const FRAMEWORKS = { regex: "^(cdktf|constructs|@cdktf/.*|zod|yaml)(/.*)?$", message: "This layer is pure: no cdktf, constructs, zod or yaml." };

function restrict(...patterns) {
  return { "no-restricted-imports": ["error", { paths: [PROVIDER_ROOT], patterns: [...CDKTF_FORMS, ...patterns] }] };
}

export default tseslint.config(
  { ignores: ["node_modules/", "**/node_modules/", ".cache/", ".offline/", "dist/", "lib/", "cdktf.out/", "coverage/", "examples/library-app/**/*.js", "examples/library-app/**/*.d.ts", "examples/library-app/cdktf.out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Terraform JSON and protocol messages are untyped by nature; `any` stays visible in review.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
      ...restrict(),
    },
  },
  // Small parts: a function over 80 lines (blank lines and comments aside) says why in its disable comment.
  { files: ["modules/**/*.ts"], rules: { ...restrict(CDKTF_INTERNALS), "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] } },
  {
    files: ["modules/core/**/*.ts"],
    rules: restrict(CDKTF_INTERNALS, FRAMEWORKS, { regex: layer("constructs", "app", "tf-module", "report", "index"), message: "core imports only core: it is the bottom layer." }),
  },
  {
    files: ["modules/constructs/**/*.ts"],
    rules: restrict(CDKTF_INTERNALS, { regex: layer("app", "tf-module", "report", "index"), message: "constructs import core only (core ← constructs ← app ← tf-module)." }),
  },
  {
    files: ["modules/app/**/*.ts"],
    ignores: ["modules/app/cdktf-adapter.ts"],
    rules: restrict(CDKTF_INTERNALS, { regex: layer("tf-module", "report", "index"), message: "app imports core and constructs only; tf-module builds on app, not the reverse." }),
  },
  {
    files: ["modules/tf-module/**/*.ts"],
    rules: restrict(CDKTF_INTERNALS, { regex: layer("report", "index"), message: "tf-module imports core, constructs and app only." }),
  },
  {
    files: ["modules/report/**/*.ts"],
    rules: restrict(CDKTF_INTERNALS, FRAMEWORKS, { regex: layer("constructs", "app", "tf-module", "index"), message: "report imports core only: it reads JSON, not constructs." }),
  },
);
