// The build's identity check: no account is rendered as a raw `0x…` string outside the identity module (the `Who`
// component and the names it uses). Reads the app through the TypeScript compiler; run by `npm run build -w web`.
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * TypeScript cannot tell viem's `Address` from its `Hex` (both are `0x${string}`, and the alias is gone once a type
 * is inferred), so every 0x-typed value counts: an account goes through `Who` (or `nameOf` / `accountLabel` where
 * the output must be text), a hash or id through `shortHash` or inside an element marked `data-hash`.
 */
export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface CheckOptions {
  /** The identity module's files (absolute paths): they may render addresses and call the raw formatter. */
  identityFiles: readonly string[];
  /** Only files under this folder are checked (default: every non-declaration file of the program). */
  root?: string;
}

/** JSX attributes whose value a person reads or a screen reader speaks. */
const TEXT_ATTRIBUTES = new Set(["title", "aria-label", "aria-description", "alt", "placeholder", "label"]);
/** The account formatter only the identity module may call, and the hash formatter that must not get an account. */
const RAW_FORMATTER = "shortAddress";
const HASH_FORMATTER = "shortHash";
/** The attribute that marks an element as showing a hash (its children may be 0x-typed). */
const HASH_MARK = "data-hash";

function isHexType(t: ts.Type): boolean {
  if (t.isUnion() || t.isIntersection()) return t.types.some(isHexType);
  if (t.flags & ts.TypeFlags.TemplateLiteral) return (t as ts.TemplateLiteralType).texts[0].toLowerCase() === "0x";
  if (t.flags & ts.TypeFlags.StringLiteral) return /^0x[0-9a-f]{40}$/i.test((t as ts.StringLiteralType).value);
  return false;
}

/** An array (or readonly array) of 0x-typed values, for `.join(…)`. */
function isHexArray(checker: ts.TypeChecker, t: ts.Type): boolean {
  if (t.isUnion()) return t.types.some((u) => isHexArray(checker, u));
  if (!checker.isArrayType(t) && !checker.isTupleType(t)) return false;
  return checker.getTypeArguments(t as ts.TypeReference).some(isHexType);
}

function hasAttribute(el: ts.JsxOpeningLikeElement, name: string): boolean {
  return el.attributes.properties.some((p) => ts.isJsxAttribute(p) && p.name.getText() === name);
}

/** Whether the innermost JSX element around `node` (its own, for an attribute) is marked as showing a hash. */
function hashShown(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxElement(n)) return hasAttribute(n.openingElement, HASH_MARK);
    if (ts.isJsxSelfClosingElement(n)) return hasAttribute(n, HASH_MARK);
  }
  return false;
}

/** A JSX expression whose value is shown: a child of an element or fragment, or a text attribute's value. */
function isTextSlot(e: ts.JsxExpression): boolean {
  const p = e.parent;
  return ts.isJsxElement(p) || ts.isJsxFragment(p) || (ts.isJsxAttribute(p) && TEXT_ATTRIBUTES.has(p.name.getText()));
}

const PASS_ON = new Set(["map", "flatMap", "join", "concat"]);
const CHOICE = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.PlusToken,
]);

/**
 * Whether the value of `node` ends up shown by a JSX text slot: passed on through parentheses, the branches of
 * `?:`, `&&` `||` `??` `+`, enclosing templates, `.map(…)` callbacks and `.join(…)`; not through a comparison, a
 * `key` or `data-*` attribute, an event handler or another call's argument.
 */
function renderedAsText(node: ts.Node): boolean {
  for (let n = node, p = node.parent; p; n = p, p = p.parent) {
    if (ts.isJsxExpression(p)) return isTextSlot(p);
    if (ts.isConditionalExpression(p)) {
      if (n === p.condition) return false;
    } else if (ts.isBinaryExpression(p)) {
      if (!CHOICE.has(p.operatorToken.kind)) return false;
    } else if (ts.isCallExpression(p)) {
      if (n !== p.expression && !PASS_ON.has(calledName(p) ?? "")) return false;
    } else if (
      !ts.isParenthesizedExpression(p) &&
      !ts.isTemplateSpan(p) &&
      !ts.isTemplateExpression(p) &&
      !ts.isArrowFunction(p) &&
      !ts.isPropertyAccessExpression(p)
    )
      return false;
  }
  return false;
}

/** The declared type annotation of the symbol an expression names (`x`, `a.b`), as written, if any. */
function declaredTypeText(checker: ts.TypeChecker, e: ts.Expression): string | undefined {
  const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(e) ? e.name : e);
  const decl = symbol?.valueDeclaration;
  if (decl && (ts.isParameter(decl) || ts.isVariableDeclaration(decl) || ts.isPropertySignature(decl)))
    return decl.type?.getText();
  return undefined;
}

function calledName(call: ts.CallExpression): string | undefined {
  const f = call.expression;
  if (ts.isIdentifier(f)) return f.text;
  if (ts.isPropertyAccessExpression(f)) return f.name.text;
  return undefined;
}

/** Every place in `program` where an account would be rendered as a raw 0x string outside the identity module. */
export function findRawAddresses(program: ts.Program, options: CheckOptions): Finding[] {
  const checker = program.getTypeChecker();
  const identity = new Set(options.identityFiles.map((f) => resolve(f)));
  const root = options.root && resolve(options.root);
  const findings: Finding[] = [];

  for (const sf of program.getSourceFiles()) {
    const file = resolve(sf.fileName);
    if (sf.isDeclarationFile || identity.has(file) || (root && !file.startsWith(root + "/"))) continue;
    const report = (node: ts.Node, message: string) => {
      const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      findings.push({ file, line: line + 1, column: character + 1, message });
    };
    const hex = (e: ts.Expression) => isHexType(checker.getTypeAtLocation(e));

    const visit = (node: ts.Node): void => {
      // {address} as a child of an element or fragment.
      // {address} as a child, title={address}, aria-label={address}, …
      if (ts.isJsxExpression(node) && node.expression && isTextSlot(node) && hex(node.expression) && !hashShown(node))
        report(node, `raw address rendered as text (${node.expression.getText(sf)}): use <Who /> or nameOf(…)`);
      // {`… ${address} …`} or title={`… ${address}`}.
      if (ts.isTemplateSpan(node) && hex(node.expression) && renderedAsText(node.parent) && !hashShown(node))
        report(node.expression, `raw address in shown text (${node.expression.getText(sf)}): use nameOf(…)`);
      if (ts.isCallExpression(node)) {
        const name = calledName(node);
        // {addresses.join(", ")}
        if (
          name === "join" &&
          ts.isPropertyAccessExpression(node.expression) &&
          renderedAsText(node) &&
          isHexArray(checker, checker.getTypeAtLocation(node.expression.expression))
        )
          report(node, "raw addresses joined as text: map them through nameOf(…) first");
        // {address.slice(0, 6)}…: a hand-made short address.
        if (
          (name === "slice" || name === "substring") &&
          ts.isPropertyAccessExpression(node.expression) &&
          hex(node.expression.expression) &&
          renderedAsText(node) &&
          !hashShown(node)
        )
          report(node, `a cut raw address (${node.getText(sf)}): use <Who /> or nameOf(…)`);
        // The raw short form belongs to the identity module.
        if (name === RAW_FORMATTER)
          report(node, `${RAW_FORMATTER}(…) outside the identity module: use <Who /> or nameOf(…)`);
        // shortHash is for hashes and ids; an argument declared as an Address is an account.
        const arg = node.arguments[0];
        if (name === HASH_FORMATTER && arg && /\bAddress\b/.test(declaredTypeText(checker, arg) ?? ""))
          report(node, `${HASH_FORMATTER}(…) of an Address: accounts go through <Who /> or nameOf(…)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return findings;
}

/** A program of the files a tsconfig.json names, with its compiler options. */
export function programOf(tsconfig: string, rootNames?: readonly string[]): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error(`check-identity: cannot read ${tsconfig}`);
  return ts.createProgram(rootNames ?? parsed.fileNames, parsed.options);
}

export function formatFinding(f: Finding, base: string): string {
  return `${relative(base, f.file)}:${f.line}:${f.column} ${f.message}`;
}

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The app's identity module: the component and the names it shows. */
export const IDENTITY_FILES = ["src/shared/Who.tsx", "src/shared/names.ts"].map((f) => join(web, f));

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const findings = findRawAddresses(programOf(join(web, "tsconfig.json")), {
    identityFiles: IDENTITY_FILES,
    root: join(web, "src"),
  });
  for (const f of findings) console.error(formatFinding(f, process.cwd()));
  if (findings.length > 0) {
    console.error(`check-identity: ${findings.length} raw address${findings.length === 1 ? "" : "es"} outside <Who />`);
    process.exit(1);
  }
  console.log("check-identity: every account in web/src goes through the identity component");
}
