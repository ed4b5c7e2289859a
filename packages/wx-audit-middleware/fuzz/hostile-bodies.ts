/**
 * Bodies built to cost the parsers the most per byte, each filling `limit` bytes (UTF-8): the shapes that
 * make XML/JSON parsers, regexes and validators work hard. Used by the cost benchmark (cost-bench.ts) and
 * by the fuzz suite as crafted cases.
 */
export interface HostileBody {
  name: string;
  body: string;
}

/** Repeats `unit` between `head` and `tail` as often as fits in `limit` bytes. */
export function fill(head: string, unit: string, tail: string, limit: number): string {
  const room = limit - Buffer.byteLength(head + tail);
  return head + unit.repeat(Math.max(0, Math.floor(room / Buffer.byteLength(unit)))) + tail;
}

/** Fills with units that differ (a counter in each): distinct tag names, keys or attributes. */
export function fillDistinct(head: string, unit: (i: number) => string, tail: string, limit: number): string {
  let out = head;
  const budget = limit - Buffer.byteLength(tail);
  for (let i = 0; ; i++) {
    const next = unit(i);
    if (Buffer.byteLength(out) + Buffer.byteLength(next) > budget) break;
    out += next;
  }
  return out + tail;
}

/** The hostile bodies at `limit` bytes (65536 by default, the default bodyLimit). */
export function hostileBodies(limit = 65_536): HostileBody[] {
  const depth = 10_000;
  return [
    { name: 'XML nested 10,000 deep, closed', body: `<xml>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</xml>` },
    { name: 'XML nested, never closed', body: fill('<xml>', '<a>', '', limit) },
    { name: 'XML nested 31 deep, then siblings', body: fill(`<xml>${'<a>'.repeat(30)}`, '<b>1</b>', `${'</a>'.repeat(30)}</xml>`, limit) },
    { name: 'XML same-name siblings', body: fill('<xml>', '<a>1</a>', '</xml>', limit) },
    { name: 'XML empty siblings', body: fill('<xml>', '<a/>', '</xml>', limit) },
    { name: 'XML distinct siblings', body: fillDistinct('<xml>', (i) => `<a${i}>1</a${i}>`, '</xml>', limit) },
    { name: 'XML siblings on the list path', body: fill('<xml><MsgType>event</MsgType><CreateTime>1</CreateTime><SceneGroupAudit>', '<scene_group_ext_list><ext_id>1</ext_id></scene_group_ext_list>', '</SceneGroupAudit></xml>', limit) },
    { name: 'XML scene audit with a huge list', body: fill('<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>open_product_scene_group_audit</Event><SceneGroupAudit><group_id>1</group_id><reason>r</reason><name>n</name>', '<scene_group_ext_list><ext_id>1</ext_id><status>1</status><name>x</name></scene_group_ext_list>', '</SceneGroupAudit></xml>', limit) },
    { name: 'XML distinct attributes', body: fillDistinct('<xml><a ', (i) => `b${i}="1" `, '/></xml>', limit) },
    { name: 'XML one huge attribute', body: fill('<xml><a b="', 'x', '">1</a></xml>', limit) },
    { name: 'XML huge CDATA', body: fill('<xml><A><![CDATA[', 'x', ']]></A></xml>', limit) },
    { name: 'XML many CDATA sections', body: fill('<xml><A>', '<![CDATA[x]]>', '</A></xml>', limit) },
    { name: 'XML predefined entities', body: fill('<xml><A>', '&amp;', '</A></xml>', limit) },
    { name: 'XML numeric character references', body: fill('<xml><A>', '&#65;', '</A></xml>', limit) },
    { name: 'XML undeclared entities', body: fill('<xml><A>', '&e;', '</A></xml>', limit) },
    { name: 'XML comments', body: fill('<xml><A>1</A>', '<!--x-->', '</xml>', limit) },
    { name: 'XML processing instructions', body: fill('<xml><A>1</A>', '<?p x?>', '</xml>', limit) },
    // A '>' inside a quoted attribute value, then attributes: a scan that ends a tag at the first '>' sees
    // one short tag and text, while the parser (and its validator) still reads every attribute after it.
    { name: "XML attributes behind a quoted '>'", body: fillDistinct(`<xml><ToUserName>gh</ToUserName><Encrypt>QUJD</Encrypt><a b=">"`, (i) => ` c${i}="1"`, '>1</a></xml>', limit) },
    { name: "XML comment hiding '>'", body: fill('<xml><A>1</A><!--', ' a=">"', '--></xml>', limit) },
    { name: "XML processing instruction hiding attributes", body: fillDistinct(`<xml><A>1</A><?p a=">"`, (i) => ` b${i}="1"`, '?></xml>', limit) },
    { name: 'XML declaration, then siblings', body: fill('<?xml version="1.0" encoding="UTF-8"?><xml>', '<a>1</a>', '</xml>', limit) },
    { name: 'XML lone < in text', body: fill('<xml><A>', '<', '</A></xml>', limit) },
    { name: 'XML long tag name', body: `<xml><${'a'.repeat(32_000)}>1</${'a'.repeat(32_000)}></xml>` },
    { name: 'XML leading whitespace', body: fill('', ' ', '<xml><a>1</a></xml>', limit) },
    { name: 'XML entity expansion (DOCTYPE)', body: fill('<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">', '<!ENTITY b "&a;&a;&a;&a;">', ']><xml><A>&b;</A></xml>', limit) },
    { name: 'XML long Encrypt', body: fill('<xml><ToUserName>gh</ToUserName><Encrypt>', 'QUJD', '</Encrypt></xml>', limit) },
    { name: 'JSON nested, never closed', body: fill('{"a":', '[', '', limit) },
    { name: 'JSON distinct keys', body: fillDistinct('{', (i) => `"k${i}":1,`, '"z":1}', limit) },
    { name: 'JSON many empty objects', body: fill('{"a":[', '{},', '{}]}', limit) },
    { name: 'JSON many small numbers', body: fill('{"a":[', '1,', '1]}', limit) },
    { name: 'JSON many 64-bit integers', body: fill('{"a":[', '12345678901234567890,', '1]}', limit) },
    { name: 'JSON many floats', body: fill('{"a":[', '1.5e+300,', '1]}', limit) },
    { name: 'JSON \\u escapes', body: fill('{"a":"', '\\u0041', '"}', limit) },
    { name: 'JSON reserved key last', body: fillDistinct('{', (i) => `"k${i}":{"x":1},`, '"__proto__":1}', limit) },
    { name: 'JSON long Encrypt', body: fill('{"ToUserName":"gh","Encrypt":"', 'QUJD', '"}', limit) },
  ];
}
