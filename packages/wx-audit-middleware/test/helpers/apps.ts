import express5 from 'express';
import express4 from 'express4';
import type { WxAudit } from '../../src/index.js';

export type ExpressFlavor = 'express4' | 'express5';
export const flavors: ExpressFlavor[] = ['express4', 'express5'];

type Parser = 'none' | 'json' | 'text' | 'urlencoded' | 'raw' | 'json-rawBody';
export const parsers: Parser[] = ['none', 'json', 'text', 'urlencoded', 'raw', 'json-rawBody'];

/** A real Express app (4 or 5) with the middleware mounted at /wechat/audit behind the given body parser. */
export function makeApp(flavor: ExpressFlavor, audit: WxAudit, parser: Parser = 'none') {
  const express = (flavor === 'express4' ? express4 : express5) as unknown as typeof express5;
  const app = express();
  if (parser === 'json') app.use(express.json());
  if (parser === 'text') app.use(express.text({ type: '*/*' }));
  if (parser === 'urlencoded') app.use(express.urlencoded({ extended: false }));
  if (parser === 'raw') app.use(express.raw({ type: '*/*' }));
  if (parser === 'json-rawBody') {
    app.use(
      // The usual way to keep the bytes: JSON bodies are parsed and kept, XML passes through unread.
      express.json({
        verify: (req, _res, buf) => {
          (req as unknown as { rawBody: Buffer }).rawBody = buf;
        },
      }),
    );
  }
  app.use('/wechat/audit', audit.middleware());
  app.get('/health', (_req, res) => {
    res.send('ok');
  });
  return app;
}
