import { ConfigError } from '@meridian/config';
import { dataSubjectRequestSettingsOf, loadIngestionConfig } from '../config';

describe('data-subject request settings', () => {
  it('wait for identity, scoring, orchestration and sender-email by default', () => {
    expect(dataSubjectRequestSettingsOf(loadIngestionConfig({}))).toEqual({
      deletionConfirmers: ['identity', 'scoring', 'orchestration', 'sender-email'],
      defaultPhoneRegion: undefined,
    });
  });

  it('take the confirmers and the phone region from the environment', () => {
    const settings = dataSubjectRequestSettingsOf(
      loadIngestionConfig({
        DATA_SUBJECT_DELETION_CONFIRMERS: 'identity, sender-email',
        INGEST_DEFAULT_PHONE_REGION: 'GB',
      }),
    );
    expect(settings).toEqual({
      deletionConfirmers: ['identity', 'sender-email'],
      defaultPhoneRegion: 'GB',
    });
    expect(
      dataSubjectRequestSettingsOf(loadIngestionConfig({ DATA_SUBJECT_DELETION_CONFIRMERS: '' }))
        .deletionConfirmers,
    ).toEqual([]);
  });

  it('refuse a confirmer name that cannot be a subject token', () => {
    expect(() =>
      loadIngestionConfig({ DATA_SUBJECT_DELETION_CONFIRMERS: 'identity,sender.email' }),
    ).toThrow(ConfigError);
  });
});
