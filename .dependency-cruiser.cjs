// The import rules of src/ (docs/architecture.md): `npm run lint:deps`, called by .ci/run.
// Infrastructure knows no business; a domain meets another only through its index.ts; the
// composition roots are the only files that see everything.
const INFRA = "^src/(actions|auth|bot|channels|config|db|http|inbox|messages|nlu|outbox|render|scheduler|time|util)/";
const ASSEMBLY = "^src/crm/assembly\\.ts$";

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "No import cycle anywhere: each module can be read (and loaded) before the ones that use it.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "domain-through-its-face",
      severity: "error",
      comment: "A domain imports another domain only through that domain's index.ts.",
      from: { path: "^src/crm/([^/]+)/" },
      to: { path: "^src/crm/[^/]+/", pathNot: ["^src/crm/$1/", "^src/crm/[^/]+/index\\.ts$"] },
    },
    {
      name: "crm-only-through-the-assembly",
      severity: "error",
      comment: "Everything outside src/crm (infrastructure and the composition roots) reaches the CRM only through the assembly point.",
      from: { path: "^src/", pathNot: "^src/crm/" },
      to: { path: "^src/crm/", pathNot: ASSEMBLY },
    },
    {
      name: "the-assembly-uses-faces",
      severity: "error",
      comment: "The assembly point puts the CRM together from the domains' faces (their index.ts).",
      from: { path: ASSEMBLY },
      to: { path: "^src/crm/[^/]+/", pathNot: "^src/crm/[^/]+/index\\.ts$" },
    },
    {
      name: "domains-never-assemble",
      severity: "error",
      comment: "No domain imports the assembly point (it would import every domain back).",
      from: { path: "^src/crm/[^/]+/" },
      to: { path: ASSEMBLY },
    },
    {
      name: "domains-use-no-channel",
      severity: "error",
      comment: "CRM code knows no channel: it returns replies; the outbox and the channels deliver them.",
      from: { path: "^src/crm/[^/]+/", pathNot: "^src/crm/external-contacts/" },
      to: { path: "^src/channels/" },
    },
    {
      name: "external-contacts-use-only-wecoms-contact-api",
      severity: "error",
      comment: "客户联系 is WeCom's own concept: that domain may use WeCom's external-contact API client (injected, never built here) and its error type — no other channel code.",
      from: { path: "^src/crm/external-contacts/" },
      to: { path: "^src/channels/", pathNot: "^src/channels/wecom/(external-contact-api|api-client)\\.ts$" },
    },
    {
      name: "no-orphans",
      severity: "error",
      comment: "Every module is used by something (or is an entry point).",
      from: { orphan: true, pathNot: ["^src/main\\.ts$", "^src/channels/console/chat-cli\\.ts$", "\\.d\\.ts$", "^src/generated/", "^src/processor-thread-boot\\.mjs$"] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
