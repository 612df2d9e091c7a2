/* What the employee pages share: a name with its academic titles, golongan lists and
 * labels for the API's codes. */

export function namaLengkap(e) {
    let s = e.name || '';
    if (e.gelar_depan)
        s = e.gelar_depan + ' ' + s;
    if (e.gelar_belakang)
        s = s + ', ' + e.gelar_belakang;
    return s;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
/* PNS golongan I/a … IV/e (I has a–d, II a–d, III a–d, IV a–e) and PPPK I … XVII. */
export const GOLONGAN_PNS = ROMAN.flatMap((r) =>
    (r === 'IV' ? ['a', 'b', 'c', 'd', 'e'] : ['a', 'b', 'c', 'd']).map((l) => r + '/' + l));
export const GOLONGAN_PPPK = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI',
                              'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII'];

export const JENIS_KELAMIN = {L: 'Laki-laki', P: 'Perempuan'};
export const KEADAAN = {active: 'Aktif'};
