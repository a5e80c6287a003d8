/**
 * The one place that turns the service's plain data into LSP types (and LSP positions back).
 * Handlers call the service and pass its results through these functions.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DocumentHighlightKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentHighlight,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type * as api from '../service';
import { ruleDocsUrl } from '../shared/rule-docs';
import type { Fix, Problem, Range, TextEdit as ServiceEdit } from '../service';

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The base of the rule documentation links (the `callflow.rulesDocsBaseUrl` setting; empty: no link). */
let rulesDocsBaseUrl = '';

/** Sets the base of the links from a problem's code to its rule's documentation (see shared/rule-docs.ts). */
export function setRulesDocsBaseUrl(base: string): void {
  rulesDocsBaseUrl = base;
}

/**
 * A problem as a diagnostic: the rule id is the code, so the CLI and the editor show the same id; with a
 * documentation base set, the code links to the rule's section.
 */
export function toDiagnostic(p: Problem, uri: string): Diagnostic {
  const href = ruleDocsUrl(rulesDocsBaseUrl, p.ruleId);
  return {
    range: p.range,
    severity: SEVERITY[p.severity],
    code: p.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'callflow',
    message: p.message,
    ...(p.related?.length
      ? {
          relatedInformation: p.related.map((r) => ({
            location: { uri: r.uri ?? uri, range: r.range },
            message: r.message,
          })),
        }
      : {}),
  };
}

const COMPLETION_KIND: Record<api.CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  step: CompletionItemKind.Reference,
  code: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
  keyword: CompletionItemKind.Keyword,
};

/** A completion proposal; the replaced range becomes a text edit. */
export function toCompletionItem(item: api.CompletionItem): CompletionItem {
  const newText = item.insertText ?? item.label;
  return {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    ...(item.detail ? { detail: item.detail } : {}),
    ...(item.documentation
      ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } }
      : {}),
    ...(item.range ? { textEdit: { range: item.range, newText } } : { insertText: newText }),
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...(item.filterText ? { filterText: item.filterText } : {}),
    ...(item.sortText ? { sortText: item.sortText } : {}),
    ...(item.additionalEdits?.length ? { additionalTextEdits: item.additionalEdits.map(toTextEdit) } : {}),
  };
}

export function toTextEdit(e: ServiceEdit): TextEdit {
  return { range: e.range, newText: e.newText };
}

export function toHover(h: api.HoverResult | undefined): Hover | null {
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
}

const SYMBOL_KIND: Record<api.SymbolKind, SymbolKind> = {
  file: SymbolKind.File,
  object: SymbolKind.Object,
  property: SymbolKind.Property,
  step: SymbolKind.Function,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  event: SymbolKind.Event,
};

export function toDocumentSymbol(s: api.DocumentSymbol): DocumentSymbol {
  return {
    name: s.name || '?',
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    ...(s.children ? { children: s.children.map(toDocumentSymbol) } : {}),
  };
}

export function toFoldingRange(f: api.FoldingRange): FoldingRange {
  return { startLine: f.startLine, endLine: f.endLine };
}

export function toLocation(uri: string, range: Range): Location {
  return { uri, range };
}

export function toHighlight(range: Range): DocumentHighlight {
  return { range, kind: DocumentHighlightKind.Text };
}

export function toWorkspaceEdit(uri: string, edits: ServiceEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits.map(toTextEdit) } };
}

/** A fix as a quick-fix code action, linked to the diagnostics it resolves. */
export function toCodeAction(fix: Fix, uri: string, diagnostics: Diagnostic[]): CodeAction {
  return {
    title: fix.title.replace(/`/g, "'"),
    kind: CodeActionKind.QuickFix,
    edit: toWorkspaceEdit(uri, fix.edits),
    ...(fix.preferred ? { isPreferred: true } : {}),
    ...(diagnostics.length ? { diagnostics } : {}),
  };
}
