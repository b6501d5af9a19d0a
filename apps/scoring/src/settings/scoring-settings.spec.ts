import { DEFAULT_RFM_SETTINGS } from '@meridian/rfm';
import { effectiveSettings, parseSettingsBody, unknownKeys } from './scoring-settings';

describe('parseSettingsBody', () => {
  it('fills in every default for an empty body, the clock left to the installation', () => {
    expect(parseSettingsBody({})).toEqual({
      ok: true,
      settings: { clock: null, rfm: DEFAULT_RFM_SETTINGS },
    });
    expect(parseSettingsBody(undefined)).toMatchObject({ ok: true });
  });

  it('keeps what a workspace changes and defaults the rest', () => {
    const parsed = parseSettingsBody({ clock: 'replay', rfm: { zombies: { dormantDays: 90 } } });
    expect(parsed).toMatchObject({
      ok: true,
      settings: {
        clock: 'replay',
        rfm: { zombies: { dormantDays: 90, minPastEngagements: 3 }, trendWindowDays: 90 },
      },
    });
  });

  it('refuses invalid values, naming the field', () => {
    expect(parseSettingsBody({ clock: 'sundial', rfm: { trend: { threshold: 2 } } })).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/^clock: /),
        expect.stringMatching(/^rfm\.trend\.threshold: /),
      ],
    });
  });

  it('refuses unknown settings at any depth rather than drop them', () => {
    expect(
      parseSettingsBody({ clok: 'wall', rfm: { zombie: {}, trend: { treshold: 1 } } }),
    ).toEqual({
      ok: false,
      problems: [
        'clok: not a setting',
        'rfm.zombie: not a setting',
        'rfm.trend.treshold: not a setting',
      ],
    });
  });
});

describe('unknownKeys', () => {
  it('lists the paths of the input the output does not have', () => {
    expect(unknownKeys({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2 } })).toEqual(['b.d']);
    expect(unknownKeys([{ x: 1 }], [])).toEqual([]);
  });
});

describe('effectiveSettings', () => {
  it('takes the clock of the workspace, else the installation default', () => {
    expect(effectiveSettings(null, 'replay')).toEqual({
      clock: 'replay',
      rfm: DEFAULT_RFM_SETTINGS,
    });
    expect(effectiveSettings({ clock: 'wall', rfm: DEFAULT_RFM_SETTINGS }, 'replay').clock).toBe(
      'wall',
    );
  });
});
