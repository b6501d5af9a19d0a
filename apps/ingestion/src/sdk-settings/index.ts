export { cdnSettingsFor, type CdnSettings } from './cdn-settings';
export { PublicUrl, type SdkEndpoint } from './sdk-endpoint';
export { UNKNOWN_WRITE_KEY_TEXT } from './sdk-settings-rejection';
export { SETTINGS_CACHE_CONTROL } from './sdk-settings.controller';
export { SdkSettingsModule } from './sdk-settings.module';
export { MAX_METRICS_BYTES, type SdkSettingsOptions } from './sdk-settings.service';
