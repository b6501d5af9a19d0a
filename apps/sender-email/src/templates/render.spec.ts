import { escapeHtml, renderHtml, renderText } from './render';

describe('template rendering', () => {
  it('inserts variables, with or without spaces inside the braces', () => {
    expect(renderText('Hi {{firstName}}, {{ plan }}!', { firstName: 'Ada', plan: 'pro' })).toBe(
      'Hi Ada, pro!',
    );
  });

  it('uses the fallback for a missing, null or blank variable', () => {
    const template = 'Welcome, {{firstName|there}}!';
    expect(renderText(template, {})).toBe('Welcome, there!');
    expect(renderText(template, { firstName: null })).toBe('Welcome, there!');
    expect(renderText(template, { firstName: '  ' })).toBe('Welcome, there!');
    expect(renderText(template, { firstName: 'Ada' })).toBe('Welcome, Ada!');
  });

  it('renders a missing variable without fallback as nothing', () => {
    expect(renderText('[{{nickname}}]', {})).toBe('[]');
  });

  it('prints numbers and booleans and treats objects as missing', () => {
    expect(renderText('{{n}} {{b}} {{o|none}}', { n: 0, b: false, o: { a: 1 } })).toBe(
      '0 false none',
    );
  });

  it('follows dotted paths into nested traits', () => {
    expect(renderText('{{address.city|somewhere}}', { address: { city: 'Paris' } })).toBe('Paris');
    expect(renderText('{{address.city|somewhere}}', { address: 'Paris' })).toBe('somewhere');
  });

  it('does not read inherited properties', () => {
    expect(renderText('[{{constructor}}][{{toString}}]', {})).toBe('[][]');
  });

  it('escapes values in HTML but not in text', () => {
    const variables = { firstName: '<script>alert("x")</script> & Co' };
    expect(renderHtml('<p>{{firstName}}</p>', variables)).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</p>',
    );
    expect(renderText('{{firstName}}', variables)).toBe(variables.firstName);
  });

  it('escapes fallbacks in HTML as text too', () => {
    expect(renderHtml('{{name|Tom & Jerry}}', {})).toBe('Tom &amp; Jerry');
  });

  it('leaves text that is not a placeholder alone', () => {
    expect(renderText('{ single } {{}} {{ two words }}', { two: 'x' })).toBe(
      '{ single } {{}} {{ two words }}',
    );
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
