/** The largest body the default `bodyLimit` lets through. */
export const BODY_LIMIT = 65_536;

export interface HostileBody {
  name: string;
  body: string;
}

/** Repeats `unit` between `head` and `tail` as often as fits in `limit` bytes (UTF-8). */
function fill(head: string, unit: string, tail: string, limit = BODY_LIMIT): string {
  const room = limit - Buffer.byteLength(head + tail);
  return head + unit.repeat(Math.max(0, Math.floor(room / Buffer.byteLength(unit)))) + tail;
}

/** Fills with units that differ (a counter in each), e.g. distinct tag names or keys. */
function fillDistinct(head: string, unit: (i: number) => string, separator: string, tail: string, limit = BODY_LIMIT): string {
  const parts: string[] = [];
  let size = Buffer.byteLength(head + tail);
  for (let i = 0; ; i++) {
    const next = (parts.length ? separator : '') + unit(i);
    if (size + Buffer.byteLength(next) > limit) break;
    parts.push(unit(i));
    size += Buffer.byteLength(next);
  }
  return head + parts.join(separator) + tail;
}

const base64Chars = (n: number) => 'QUJD'.repeat(Math.ceil(n / 4)).slice(0, n - (n % 4));

/**
 * Bodies built to cost the most per byte, each at most BODY_LIMIT bytes: the shapes that make parsers,
 * regexes and validators work hard (nesting, many nodes, many keys, entities, long tokens).
 */
export function hostileBodies(): HostileBody[] {
  const depth = 4000;
  return [
    { name: 'XML nested 64 KiB deep', body: fill('<xml>', '<a>', '</xml>') },
    { name: 'XML nested, closed (depth 4000)', body: `<xml>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</xml>` },
    { name: 'XML same-name siblings', body: fill('<xml>', '<a>1</a>', '</xml>') },
    { name: 'XML distinct siblings', body: fillDistinct('<xml>', (i) => `<a${i}>1</a${i}>`, '', '</xml>') },
    { name: 'XML empty elements', body: fill('<xml>', '<a/>', '</xml>') },
    { name: 'XML siblings in a list path', body: fill('<xml><MsgType>event</MsgType><CreateTime>1</CreateTime><SceneGroupAudit>', '<scene_group_ext_list><ext_id>1</ext_id></scene_group_ext_list>', '</SceneGroupAudit></xml>') },
    { name: 'XML huge CDATA', body: fill('<xml><ToUserName><![CDATA[', 'x', ']]></ToUserName></xml>') },
    { name: 'XML many CDATA sections', body: fill('<xml><ToUserName>', '<![CDATA[x]]>', '</ToUserName></xml>') },
    { name: 'XML entities', body: fill('<xml><ToUserName>', '&amp;', '</ToUserName></xml>') },
    { name: 'XML numeric char refs', body: fill('<xml><ToUserName>', '&#65;', '</ToUserName></xml>') },
    { name: 'XML many attributes', body: fillDistinct('<xml><a ', (i) => `b${i}="1"`, ' ', '/></xml>') },
    { name: 'XML comments', body: fill('<xml>', '<!--x-->', '</xml>') },
    { name: 'XML processing instructions', body: fill('<xml>', '<?p x?>', '</xml>') },
    // A '>' inside a quoted value, then attributes: a scan that ends a tag at the first '>' misses the rest.
    { name: "XML attributes behind a quoted '>'", body: fillDistinct('<xml><ToUserName>gh</ToUserName><Encrypt>QUJD</Encrypt><a b=">" ', (i) => `c${i}="1"`, ' ', '>1</a></xml>') },
    { name: "XML comment hiding '>'", body: fill('<xml><A>1</A><!--', ' a=">"', '--></xml>') },
    { name: 'XML processing instruction hiding attributes', body: fillDistinct('<xml><A>1</A><?p a=">" ', (i) => `b${i}="1"`, ' ', '?></xml>') },
    { name: 'XML declaration, then siblings', body: fill('<?xml version="1.0" encoding="UTF-8"?><xml>', '<a>1</a>', '</xml>') },
    { name: 'XML long tag name', body: `<xml><${'a'.repeat(32_000)}>1</${'a'.repeat(32_000)}></xml>` },
    { name: 'XML unclosed tags', body: fill('<xml>', '<a>', '') },
    { name: 'XML leading whitespace', body: fill('', ' ', '<xml><a>1</a></xml>') },
    { name: 'XML long base64 Encrypt', body: `<xml><ToUserName>gh</ToUserName><Encrypt>${base64Chars(BODY_LIMIT - 64)}</Encrypt></xml>` },
    { name: 'JSON many keys', body: fillDistinct('{', (i) => `"k${i}":1`, ',', '}') },
    { name: 'JSON many big-int tokens', body: fill('{"a":[', '12345678901234567890,', '1]}') },
    { name: 'JSON many small numbers', body: fill('{"a":[', '1,', '1]}') },
    { name: 'JSON many floats', body: fill('{"a":[', '1.5e+300,', '1]}') },
    { name: 'JSON nested 64 KiB deep', body: fill('{"a":', '[', '') },
    { name: 'JSON many empty objects', body: fill('{"a":[', '{},', '{}]}') },
    { name: 'JSON escaped string', body: fill('{"a":"', '\\u0041', '"}') },
    { name: 'JSON long base64 Encrypt', body: `{"ToUserName":"gh","Encrypt":"${base64Chars(BODY_LIMIT - 64)}"}` },
  ];
}
