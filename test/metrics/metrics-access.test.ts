import { describe, expect, it } from '@jest/globals';
import { metricsAccess, type MetricsAccess, type MetricsAccessSettings } from '../../src/metrics/metrics-access.js';

const TOKEN = '0123456789abcdef0123456789abcdef';
const local: MetricsAccessSettings = { mode: 'local' };
const localWithToken: MetricsAccessSettings = { mode: 'local', token: TOKEN };
const authenticated: MetricsAccessSettings = { mode: 'authenticated' };
const withToken: MetricsAccessSettings = { mode: 'authenticated', token: TOKEN };

describe('who may read /metrics', () => {
  it.each<[string, MetricsAccess, MetricsAccessSettings, { authorization?: string; remoteAddress?: string }]>([
    ['local mode, from this machine', 'serve', local, { remoteAddress: '127.0.0.1' }],
    ['local mode, from this machine over IPv6', 'serve', local, { remoteAddress: '::1' }],
    ['local mode widened to every interface, from another machine', 'not-found', local, { remoteAddress: '10.0.0.7' }],
    ['local mode with a token, from another machine with it', 'serve', localWithToken, { remoteAddress: '10.0.0.7', authorization: `Bearer ${TOKEN}` }],
    ['local mode with a token, from another machine without it', 'unauthorized', localWithToken, { remoteAddress: '10.0.0.7' }],
    ['bot credentials and no token, even from this machine', 'not-found', authenticated, { remoteAddress: '127.0.0.1', authorization: `Bearer ${TOKEN}` }],
    ['bot credentials, the token as a bearer token', 'serve', withToken, { remoteAddress: '10.0.0.7', authorization: `Bearer ${TOKEN}` }],
    ['bot credentials, the scheme in lower case', 'serve', withToken, { authorization: `bearer ${TOKEN}` }],
    ['bot credentials, from this machine without the token', 'unauthorized', withToken, { remoteAddress: '127.0.0.1' }],
    ['bot credentials, a token that starts like the right one', 'unauthorized', withToken, { authorization: `Bearer ${TOKEN.slice(0, 20)}` }],
    ['bot credentials, the right token with more after it', 'unauthorized', withToken, { authorization: `Bearer ${TOKEN}x` }],
  ])('when %s, then %s', (_what, expected, settings, request) => {
    expect(metricsAccess(settings, request)).toBe(expected);
  });
});
