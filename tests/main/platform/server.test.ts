import { describe, expect, it } from 'vitest';
import { build } from '../../../main/platform/server.ts';

describe('build()', () => {
  it('refuses invalid options with a sentence naming the option', async () => {
    await expect(build({ port: 70_000 })).rejects.toThrow('port must be an integer from 0 to 65535; got 70000.');
    await expect(build({ token: 'short' })).rejects.toThrow('token must be at least 8 characters');
    await expect(build({ widgetBundlePath: '/nope/embed.js' })).rejects.toThrow(
      'The widget bundle /nope/embed.js does not exist; run "npm run build" first.',
    );
  });

  it('serves without listening (inject), for in-process tests', async () => {
    const server = await build();
    const response = await server.app.inject({ method: 'GET', url: '/embed.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.body).toContain('FxoMessenger');
    await server.close();
  });

  it('hands out 127.0.0.1 URLs when listening on every interface', async () => {
    const server = await build({ host: '0.0.0.0' });
    const url = await server.listen();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.platform.createBot({ name: 'x' }).webhookUrl.startsWith(url)).toBe(true);
    await server.close();
  });
});
