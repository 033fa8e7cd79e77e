/**
 * Where the widget's platform is. When Botbench answers one of Flow XO's own script URLs
 * (https://widget.flowxo.com/embed.js, https://messenger.flowxo.com/loader.js) in a profile, the
 * platform writes its origin into the script in place of PLATFORM_ORIGIN_TOKEN; served as the
 * platform's own /embed.js or /loader.js, the token stays and the script's own origin is the platform.
 */
import { PLATFORM_ORIGIN_TOKEN } from '../../main/common/flowxo-scripts.ts';

export function platformOrigin(scriptSrc: URL): URL {
  try {
    // new URL, not a string test a minifier could fold away: the token must stay in the bundle for the platform to find.
    return new URL(PLATFORM_ORIGIN_TOKEN);
  } catch {
    return scriptSrc;
  }
}

/** The widget socket's URL on that platform. */
export function widgetSocketUrl(platform: URL): string {
  return `${platform.protocol === 'https:' ? 'wss:' : 'ws:'}//${platform.host}/widget`;
}
