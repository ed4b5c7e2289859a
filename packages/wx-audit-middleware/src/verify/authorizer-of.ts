import { describeRequestText } from '../describe-request-text.js';
import { WxAuditError } from '../errors.js';

/**
 * A WeChat appid: `wx` and 16 hex digits, lower case as WeChat writes and substitutes them (`$APPID$` in a
 * third-party platform's callback URL). Upper case is refused, not folded: the authorizer path is part of
 * a push's id, and two spellings of one appid must not make two ids for one push.
 */
const AUTHORIZER_PATH = /^\/(wx[0-9a-f]{16})\/?$/;

/**
 * The authorizer appid of a third-party platform's callback (`<mount>/<appid>`), undefined at the mount
 * point itself. Any other sub-path is a 404 that names the mount path: the usual cause is a handler
 * mounted above the URL WeChat posts to (`/wechat` while WeChat posts to `/wechat/audit`).
 */
export function authorizerOf(path: string, mountPath: string | undefined): string | undefined {
  if (path === '' || path === '/') return undefined;
  const match = AUTHORIZER_PATH.exec(path);
  if (match) return match[1];
  const appid = "(wx and 16 lower-case hex digits)";
  if (mountPath === undefined) {
    throw new WxAuditError('NOT_FOUND', `Nothing is served at ${describeRequestText(path)} below the mount point: WeChat's requests go to the mount point itself or to <mount>/<authorizer appid> ${appid}.`);
  }
  const mount = mountPath === '' ? '/' : mountPath;
  const full = mountPath + path;
  throw new WxAuditError(
    'NOT_FOUND',
    `wx-audit is mounted at ${describeRequestText(mount)}; WeChat's requests go to ${describeRequestText(mount)} or ${describeRequestText(`${mountPath}/<authorizer appid>`)} ${appid}, and ${describeRequestText(full)} is neither. If WeChat posts to ${describeRequestText(full)}, mount the handler there: app.use(${describeRequestText(full)}, audit.middleware()).`,
  );
}

/** The handler was mounted with app.post/app.get/app.all: GET URL verification then never reaches it. */
export function mountedOnRoute(): WxAuditError {
  return new WxAuditError(
    'MOUNT_INVALID',
    "wx-audit's handler is mounted as a route (app.post, app.get or app.all), so WeChat's GET URL verification or its POST pushes never reach it. Mount it with app.use(path, audit.middleware()).",
  );
}
