/**
 * A deliberately tiny template language: `{{name}}` inserts a variable, `{{name|fallback}}`
 * inserts the fallback when the variable is missing. Names may be dotted paths into nested
 * objects (`{{address.city}}`). No logic, loops or partials: templates stay safe to author.
 */

/** Variables a template is rendered with (a profile's traits, for journeys). */
export type TemplateVariables = Readonly<Record<string, unknown>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.$-]+)\s*(?:\|([^}]*))?\}\}/g;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Renders plain text (subjects and text bodies): values are inserted as they are. */
export function renderText(template: string, variables: TemplateVariables): string {
  return render(template, variables, (value) => value);
}

/** Renders HTML: every inserted value, fallbacks included, is escaped. */
export function renderHtml(template: string, variables: TemplateVariables): string {
  return render(template, variables, escapeHtml);
}

function render(
  template: string,
  variables: TemplateVariables,
  encode: (value: string) => string,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
    const value = displayValue(lookup(variables, name));
    return encode(value ?? fallback?.trim() ?? '');
  });
}

/** Follows a dotted path through plain objects; anything else along the way is missing. */
function lookup(variables: TemplateVariables, path: string): unknown {
  let current: unknown = variables;
  for (const key of path.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * The text of a value, or null when it counts as missing: absent, null, blank, or not a
 * scalar (an object would print as "[object Object]").
 */
function displayValue(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
