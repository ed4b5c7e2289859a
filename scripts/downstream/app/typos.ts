// Event names are checked: a misspelt one must not compile (and must not leave its listener's
// argument `any`), whichever @types/node is installed.
import { createWxAudit } from '@x/wx-audit-middleware';

const audit = createWxAudit({ token: 'token' });
// @ts-expect-error -- 'sceneAudits' is not an event of WxAudit ('sceneAudit' is).
audit.on('sceneAudits', (e) => e.groupId);
// @ts-expect-error -- the same typo through once().
audit.once('sceneAudits', () => undefined);
// @ts-expect-error -- a catalogue event by its wire name ('weappAuditFail' is the event).
audit.on('weapp_audit_fail', () => undefined);
