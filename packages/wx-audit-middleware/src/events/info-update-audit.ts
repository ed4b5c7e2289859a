import { z } from 'zod';

/** RFC 3339 date-time, as WeChat Pay writes it (2015-05-20T13:29:35+08:00); fields in range (second 60: leap second). */
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export const AUDIT_RESULT = { PASS: 'PASS', REJECT: 'REJECT' } as const;

/** Body of the info-update audit result notification (https://pay.weixin.qq.com/doc/v3/merchant/4016080141), to the event's typed fields. */
export const infoUpdateAuditFieldsSchema = z
  .object({
    out_request_no: z.string().min(1).max(64),
    mchid: z.string().min(1).max(32),
    audit_result: z.enum(['PASS', 'REJECT']),
    audit_finish_time: z.string().regex(RFC3339, 'an RFC 3339 date-time').optional(),
    attach_info: z.string().max(1024).optional(),
    fail_code: z.string().max(32).optional(),
    fail_msg: z.string().max(1024).optional(),
  })
  .transform((b) => ({
    outRequestNo: b.out_request_no,
    mchid: b.mchid,
    auditResult: b.audit_result,
    // Optional fields not sent stay absent (typed `auditFinishTime?`), rather than present as undefined.
    ...(b.audit_finish_time !== undefined ? { auditFinishTime: b.audit_finish_time } : {}),
    ...(b.attach_info !== undefined ? { attachInfo: b.attach_info } : {}),
    ...(b.fail_code !== undefined ? { failCode: b.fail_code } : {}),
    ...(b.fail_msg !== undefined ? { failMsg: b.fail_msg } : {}),
  }));

export type InfoUpdateAuditFields = z.output<typeof infoUpdateAuditFieldsSchema>;
