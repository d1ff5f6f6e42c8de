import { describe, expect, it } from 'vitest';
import { decodeFormBody, isFormMediaType } from './form-body.ts';

const SCHEMA = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, ok: { type: 'boolean' } } } as const;

describe('decodeFormBody', () => {
  it('reads urlencoded fields, coerced by their properties, a repeated field as an array', () => {
    expect(decodeFormBody('application/x-www-form-urlencoded', 'name=Rex+Jr&age=3&tags=a&tags=b&ok=true&extra=1', SCHEMA)).toEqual({
      ok: true, value: { name: 'Rex Jr', age: 3, tags: ['a', 'b'], ok: true, extra: '1' },
    });
  });

  it('leaves a value that does not convert as text, so the schema reports it', () => {
    expect(decodeFormBody('application/x-www-form-urlencoded', 'age=old', SCHEMA)).toEqual({ ok: true, value: { age: 'old' } });
  });

  it('splits multipart parts by a quoted or bare boundary, skipping the preamble and the epilogue', () => {
    const body = 'preamble\r\n--b 1\r\nContent-Disposition: form-data; name="name"\r\n\r\nRex\r\n--b 1\r\nContent-Disposition: form-data; name=age\r\nContent-Type: text/plain\r\n\r\n7\r\n--b 1--\r\nepilogue';
    expect(decodeFormBody('multipart/form-data; boundary="b 1"', body, SCHEMA)).toEqual({ ok: true, value: { name: 'Rex', age: 7 } });
    expect(decodeFormBody('multipart/form-data;boundary=xyz', '--xyz\nContent-Disposition: form-data; name="tags"\n\none\n--xyz\nContent-Disposition: form-data; name="tags"\n\ntwo\n--xyz--', SCHEMA))
      .toEqual({ ok: true, value: { tags: ['one', 'two'] } });
  });

  it('says why a multipart body cannot be read', () => {
    expect(decodeFormBody('multipart/form-data', 'x', SCHEMA)).toEqual({ ok: false, reason: 'the Content-Type "multipart/form-data" has no boundary parameter' });
    expect(decodeFormBody('multipart/form-data; boundary=abc', 'no parts here', SCHEMA)).toEqual({ ok: false, reason: 'the body does not contain the boundary "abc" twice' });
  });

  it('knows which media types are forms', () => {
    expect(['application/x-www-form-urlencoded; charset=utf-8', 'Multipart/Form-Data; boundary=x'].map(isFormMediaType)).toEqual([true, true]);
    expect(['application/json', undefined].map(isFormMediaType)).toEqual([false, false]);
  });
});
