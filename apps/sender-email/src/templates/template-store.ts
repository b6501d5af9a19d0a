import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { renderHtml, renderText, type TemplateVariables } from './render';

/** One email template file, `<templateId>.json`. */
export const EmailTemplate = z.strictObject({
  subject: z.string().min(1),
  text: z.string().min(1),
  html: z.string().min(1),
});
export type EmailTemplate = z.infer<typeof EmailTemplate>;

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export class TemplateError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`Invalid email template ${file}: ${problem}`);
    this.name = 'TemplateError';
  }
}

const TEMPLATE_FILE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,99})\.json$/;

/**
 * The templates this instance sends, read and validated once at start-up so a broken file
 * stops the service with the file's name instead of failing messages one by one.
 */
export class TemplateStore {
  private readonly templates: ReadonlyMap<string, EmailTemplate>;

  constructor(templates: Readonly<Record<string, EmailTemplate>>) {
    this.templates = new Map(Object.entries(templates));
  }

  /** Every `<templateId>.json` in the directory; a relative path is from `cwd`. */
  static fromDirectory(directory: string, cwd: string = process.cwd()): TemplateStore {
    const dir = resolve(cwd, directory);
    const templates: Record<string, EmailTemplate> = {};
    for (const name of readdirSync(dir)) {
      const templateId = TEMPLATE_FILE.exec(name)?.[1];
      if (templateId) templates[templateId] = readTemplate(join(dir, name));
    }
    return new TemplateStore(templates);
  }

  get templateIds(): readonly string[] {
    return [...this.templates.keys()].sort();
  }

  /** The rendered email, or null when there is no such template. */
  render(templateId: string, variables: TemplateVariables): RenderedEmail | null {
    const template = this.templates.get(templateId);
    if (!template) return null;
    return {
      // A subject is one header line: a variable must not be able to break it.
      subject: renderText(template.subject, variables).replace(/[\r\n]+/g, ' '),
      text: renderText(template.text, variables),
      html: renderHtml(template.html, variables),
    };
  }
}

function readTemplate(file: string): EmailTemplate {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TemplateError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = EmailTemplate.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new TemplateError(file, problems.join('; '));
  }
  return parsed.data;
}
