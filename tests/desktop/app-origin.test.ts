import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRequestTarget, isWizardUrl } from '../../electron/config/app-origin';

describe('isWizardUrl: the IPC sender check, on real URLs', () => {
  it('accepts the wizard itself', () => {
    for (const url of ['app://wizard/index.html', 'app://wizard/', 'app://wizard', 'app://wizard/assets/a.js?x=1#top']) expect(isWizardUrl(url), url).toBe(true);
  });

  it('refuses look-alikes, other schemes and junk', () => {
    for (const url of [
      'app://wizard.evil/index.html',
      'app://wizard@evil/index.html',
      'app://evil@wizard/index.html',
      'app://user:pass@wizard/',
      'app://wizard:8080/',
      'app://wizardx/',
      'apps://wizard/',
      'file:///app/wizard/index.html',
      'file://wizard/index.html',
      'http://wizard/index.html',
      'https://wizard/',
      'about:blank',
      'data:text/html,app://wizard/',
      '',
      'not a url',
    ]) expect(isWizardUrl(url), url).toBe(false);
  });
});

describe('appRequestTarget: what the app:// handler serves', () => {
  const root = join('/opt/fbr/renderer');
  it('maps the wizard paths into the renderer folder', () => {
    expect(appRequestTarget(root, 'app://wizard/')).toEqual({ file: join(root, 'index.html') });
    expect(appRequestTarget(root, 'app://wizard/assets/app%20x.js')).toEqual({ file: join(root, 'assets', 'app x.js') });
  });

  it('answers 400 for a malformed escape instead of throwing', () => {
    expect(() => appRequestTarget(root, 'app://wizard/%E0%A4%A')).not.toThrow();
    expect(appRequestTarget(root, 'app://wizard/%E0%A4%A')).toEqual({ status: 400 });
    expect(appRequestTarget(root, 'app://wizard/%')).toEqual({ status: 400 });
    expect(appRequestTarget(root, 'app://wizard/a%00b')).toEqual({ status: 400 });
  });

  it('answers 404 outside the folder or for another host', () => {
    expect(appRequestTarget(root, 'app://wizard/..%2F..%2Fetc%2Fpasswd')).toEqual({ status: 404 });
    expect(appRequestTarget(root, `app://wizard/%2e%2e${sep === '/' ? '%2F' : '%5C'}secret`)).toEqual({ status: 404 });
    expect(appRequestTarget(root, 'app://evil/index.html')).toEqual({ status: 404 });
    expect(appRequestTarget(root, 'app://wizard@evil/index.html')).toEqual({ status: 404 });
  });
});
