import { ConfigError } from '@meridian/config';
import { ingestSettingsOf, loadIngestionConfig } from './config';

describe('ingestion config', () => {
  it('limits each source to 5000 events/s with bursts of 10000, dedupes over 25 hours and accepts calls without consent by default', () => {
    expect(ingestSettingsOf(loadIngestionConfig({}))).toEqual({
      partitions: 8,
      rateLimit: { ratePerSecond: 5_000, burst: 10_000 },
      dedupeWindowMs: 25 * 3_600_000,
      governance: {
        missingConsentPolicy: 'accept',
        trackingPlan: null,
        defaultPhoneRegion: undefined,
      },
    });
  });

  it('takes the consent policy and default phone region from the environment', () => {
    const settings = ingestSettingsOf(
      loadIngestionConfig({
        INGEST_MISSING_CONSENT_POLICY: 'refuse',
        INGEST_DEFAULT_PHONE_REGION: 'DE',
      }),
    );
    expect(settings.governance).toMatchObject({
      missingConsentPolicy: 'refuse',
      defaultPhoneRegion: 'DE',
    });
    expect(() => loadIngestionConfig({ INGEST_DEFAULT_PHONE_REGION: 'XX' })).toThrow(ConfigError);
  });

  it('takes the rate limit and dedupe window from the environment', () => {
    const settings = ingestSettingsOf(
      loadIngestionConfig({
        INGEST_RATE_LIMIT_PER_SECOND: '50',
        INGEST_RATE_LIMIT_BURST: '70',
        INGEST_DEDUPE_WINDOW_HOURS: '48',
      }),
    );
    expect(settings).toMatchObject({
      rateLimit: { ratePerSecond: 50, burst: 70 },
      dedupeWindowMs: 48 * 3_600_000,
    });
  });

  it('refuses a dedupe window under 24 hours', () => {
    expect(() => loadIngestionConfig({ INGEST_DEDUPE_WINDOW_HOURS: '23' })).toThrow(ConfigError);
  });
});
