import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TemplateError, TemplateStore } from './template-store';

const shipped = TemplateStore.fromDirectory(resolve(__dirname, '../../templates'));

function directoryWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'templates-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('TemplateStore', () => {
  it('greets the profile by first name in the shipped welcome email', () => {
    const email = shipped.render('welcome', { firstName: 'Ada', email: 'ada@example.com' });
    expect(email?.subject).toBe('Welcome to Meridian, Ada!');
    expect(email?.text).toContain('Hi Ada,');
    expect(email?.html).toContain('<h1>Welcome to Meridian, Ada!</h1>');
  });

  it('greets "there" when the first name is unknown', () => {
    expect(shipped.render('welcome', {})?.subject).toBe('Welcome to Meridian, there!');
  });

  it('returns null for a template it does not have', () => {
    expect(shipped.render('no-such-template', {})).toBeNull();
  });

  it('keeps a rendered subject on one line', () => {
    const store = new TemplateStore({ t: { subject: 'Hi {{name}}', text: 't', html: 'h' } });
    expect(store.render('t', { name: 'Ada\r\nBcc: x@evil.test' })?.subject).toBe(
      'Hi Ada Bcc: x@evil.test',
    );
  });

  it('loads only <templateId>.json files', () => {
    const template = JSON.stringify({ subject: 's', text: 't', html: 'h' });
    const dir = directoryWith({ 'a.json': template, 'notes.txt': 'x', '.hidden.json': template });
    expect(TemplateStore.fromDirectory(dir).templateIds).toEqual(['a']);
  });

  it('refuses at load time a template with a missing part, naming the file', () => {
    const dir = directoryWith({ 'broken.json': JSON.stringify({ subject: 's', text: 't' }) });
    const load = () => TemplateStore.fromDirectory(dir);
    expect(load).toThrow(TemplateError);
    expect(load).toThrow(/broken\.json: html/);
  });
});
