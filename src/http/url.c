/* url.c - percent-decoding and path safety for request targets. libmicrohttpd's own
 * unescaping is switched off (server.c) so that every byte of the target is judged here. */
#include "http/app.h"

#include <string.h>

#include "core/str.h"

int url_decode(const char *in, size_t len, char *out, int plus_space)
{
    size_t o = 0;

    for (size_t i = 0; i < len; i++) {
        char c = in[i];

        if (c == '%') {
            unsigned char byte;

            if (len - i < 3 || hex_decode(in + i + 1, 2, &byte, 1))
                return -1;
            c = (char)byte;
            if (c == '\0')
                return -1;
            i += 2;
        } else if (c == '+' && plus_space) {
            c = ' ';
        } else if (c == '\0') {
            return -1;
        }
        out[o++] = c;
    }
    out[o] = '\0';
    return utf8_valid(out, o) ? 0 : -1;
}

int url_path_safe(const char *path)
{
    const char *p = path;

    if (path[0] != '/' || strchr(path, '\\') || strstr(path, "//"))
        return 0;
    while (*p) {
        const char *seg = p + 1;
        size_t n = strcspn(seg, "/");

        if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return 0;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)seg[i] < 0x20 || seg[i] == 0x7f)
                return 0;
        p = seg + n;
    }
    return 1;
}
