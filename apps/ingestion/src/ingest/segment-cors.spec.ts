import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { SDK_SETTINGS_CORS, SEGMENT_API_CORS, segmentApiCors } from './segment-cors';

function optionsFor(url: string | undefined): CorsOptions {
  let given: CorsOptions | undefined;
  segmentApiCors({ url }, (error, options) => {
    if (error) throw error;
    given = options;
  });
  if (given === undefined) throw new Error('segmentApiCors did not call back');
  return given;
}

describe('segmentApiCors', () => {
  it.each([
    '/v1/t',
    '/v1/track',
    '/v1/b',
    '/v1/batch?x=1',
    '/v1/m',
    '/v1/unknown',
    '/v1/projects/key/settings/more',
    '/v1/projects//settings',
  ])('opens %s to any origin', (url) => {
    expect(optionsFor(url)).toBe(SEGMENT_API_CORS);
  });

  it.each([
    '/v1/projects/key/settings',
    '/v1/projects/key/settings/',
    '/v1/projects/key%20x/settings?cache=1',
  ])('opens %s to GETs from any origin', (url) => {
    expect(optionsFor(url)).toBe(SDK_SETTINGS_CORS);
  });

  it.each([
    '/admin/v1/workspaces',
    '/admin/v1/projects/key/settings',
    '/metrics',
    '/health/ready',
    '/v1',
    '/v10/track',
    undefined,
  ])('gives %s no CORS headers', (url) => {
    expect(optionsFor(url)).toEqual({ origin: false });
  });

  it('allows any origin, without credentials, and exposes Retry-After', () => {
    expect(SEGMENT_API_CORS).toMatchObject({
      origin: '*',
      methods: ['POST'],
      exposedHeaders: ['Retry-After'],
    });
    expect(SEGMENT_API_CORS.credentials).toBeUndefined();
  });

  it('lets any origin GET the SDK settings, without credentials', () => {
    expect(SDK_SETTINGS_CORS).toMatchObject({ origin: '*', methods: ['GET'] });
    expect(SDK_SETTINGS_CORS.credentials).toBeUndefined();
  });
});
