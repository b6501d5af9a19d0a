export { escapeHtml, renderHtml, renderText, type TemplateVariables } from './render';
export { EmailTemplate, TemplateError, TemplateStore, type RenderedEmail } from './template-store';
export { TemplatesModule } from './templates.module';
