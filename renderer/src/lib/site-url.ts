/** The renderer's door to the site-URL rule (main/common/site-url.ts): the Open profile dialog and the address bar check as the contract will. */
export { readSiteUrl, SITE_URL_EXPECTED, type SiteUrlCheck } from '../../../main/common/site-url.ts';
