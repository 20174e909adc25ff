/*
 * vt-string.c -- string sequences, dispatched once complete: OSC (titles
 * 0/1/2, hyperlinks 8, colour queries 10/11, clipboard 52), DCS (DECRQSS)
 * and screen's ESC k title; and the reply path back to the program. The
 * parser (vt-parser.c) has already bounded the string's length. Policy
 * (what to do with a clipboard write, whether to pass a title on) belongs
 * to the callbacks, not here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vt-private.h"

void vt_sgr_format(const struct vt *vt, char *buf, size_t size);

void
vt_reply(struct vt *vt, const char *buf, size_t len)
{
	if (vt->cb.reply != NULL)
		vt->cb.reply(vt->arg, buf, len);
}

void
vt_replyf(struct vt *vt, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	vt_reply(vt, buf, (size_t)n);
}

/*
 * Set the title from len bytes of s: decoded as UTF-8 (ill-formed bytes
 * become U+FFFD), control characters dropped, cut at a character boundary
 * to VT_TITLE_MAX bytes.
 */
void
vt_set_title(struct vt *vt, const char *s, size_t len)
{
	struct vt_utf8 d;
	uint32_t cps[2];
	char enc[4];
	size_t i, out = 0, k;
	unsigned n, j;

	vt_utf8_init(&d);
	for (i = 0; i <= len; i++) {
		if (i < len)
			n = vt_utf8_feed(&d, (uint8_t)s[i], cps);
		else
			n = vt_utf8_flush(&d, cps);
		for (j = 0; j < n; j++) {
			if (cps[j] < 0x20 || (cps[j] >= 0x7f && cps[j] < 0xa0))
				continue;
			k = vt_utf8_encode(cps[j], enc);
			if (out + k > VT_TITLE_MAX)
				goto done;
			memcpy(vt->title + out, enc, k);
			out += k;
		}
	}
done:
	vt->title[out] = '\0';
	if (vt->cb.title != NULL)
		vt->cb.title(vt->arg, vt->title);
}

/* Remember an OSC 8 URI and return its id (never 0). Ids are not reused
   for a while: a slot is overwritten only VT_MAX_LINKS links later, and
   vt_link_uri() then answers NULL for the old id. */
static uint32_t
vt_string_link_add(struct vt *vt, const char *uri)
{
	struct vt_link *l;
	uint32_t id;

	if (vt->next_link != 0 && vt->links != NULL) {
		l = &vt->links[vt->next_link % VT_MAX_LINKS];
		if (l->id == vt->next_link && strcmp(l->uri, uri) == 0)
			return l->id;
	}
	id = ++vt->next_link;
	if (id == 0)
		id = ++vt->next_link;
	if (vt->links == NULL) /* the first link: most windows have none */
		vt->links = vt_xcalloc(VT_MAX_LINKS, sizeof *vt->links);
	l = &vt->links[id % VT_MAX_LINKS];
	free(l->uri);
	l->uri = vt_xmalloc(strlen(uri) + 1);
	strcpy(l->uri, uri);
	l->id = id;
	return id;
}

void
vt_links_free(struct vt *vt)
{
	unsigned i;

	if (vt->links == NULL)
		return;
	for (i = 0; i < VT_MAX_LINKS; i++)
		free(vt->links[i].uri);
	free(vt->links);
	vt->links = NULL;
}

const char *
vt_link_uri(const struct vt *vt, uint32_t link)
{
	const struct vt_link *l;

	if (link == 0 || vt->links == NULL)
		return NULL;
	l = &vt->links[link % VT_MAX_LINKS];
	return l->id == link ? l->uri : NULL;
}

/* OSC Ps ; Pt (ST or BEL) */
void
vt_string_osc(struct vt *vt)
{
	char *s = vt->parser.str, *arg, *sel;
	const char *st = vt->parser.strbel ? "\a" : "\033\\";
	long cmd;

	cmd = strtol(s, &arg, 10);
	if (arg == s || (*arg != ';' && *arg != '\0'))
		return;
	if (*arg == ';')
		arg++;
	switch (cmd) {
	case 0: /* icon name and window title */
	case 2: /* window title */
		vt_set_title(vt, arg, strlen(arg));
		break;
	case 1: /* icon name: not shown anywhere */
		break;
	case 8: /* hyperlink: OSC 8 ; params ; URI */
		sel = strchr(arg, ';');
		if (sel == NULL)
			break;
		sel++;
		/* URIs are capped so that VT_MAX_LINKS of them stay small
		   (browsers' practical limit is about 2 KB). */
		if (*sel == '\0' || strlen(sel) > VT_MAX_URI)
			vt->pen.link = 0;
		else
			vt->pen.link = vt_string_link_add(vt, sel);
		vt_style_pen_changed(vt);
		break;
	case 10: /* foreground colour query */
	case 11: /* background colour query */
		/* The real colours are the client terminal's; answer with
		   the usual light-on-dark defaults. */
		if (strcmp(arg, "?") == 0)
			vt_replyf(vt, "\033]%ld;rgb:%s%s", cmd,
			    cmd == 10 ? "ffff/ffff/ffff" : "0000/0000/0000",
			    st);
		break;
	case 52: /* clipboard: OSC 52 ; Pc ; Pd */
		sel = arg;
		arg = strchr(sel, ';');
		if (arg == NULL)
			break;
		*arg++ = '\0';
		if (vt->cb.clipboard != NULL)
			vt->cb.clipboard(vt->arg, sel, arg);
		break;
	}
}

/* DCS $ q Pt ST: DECRQSS */
static void
vt_string_decrqss(struct vt *vt, const char *s)
{
	char buf[300];

	if (strcmp(s, "m") == 0) {
		vt_sgr_format(vt, buf, sizeof buf);
		vt_replyf(vt, "\033P1$r%sm\033\\", buf);
	} else if (strcmp(s, "r") == 0)
		vt_replyf(
		    vt, "\033P1$r%u;%ur\033\\", vt->top + 1, vt->bottom + 1);
	else if (strcmp(s, "s") == 0)
		vt_replyf(
		    vt, "\033P1$r%u;%us\033\\", vt->left + 1, vt->right + 1);
	else if (strcmp(s, " q") == 0)
		vt_replyf(vt, "\033P1$r%u q\033\\", vt->cursor_style);
	else if (strcmp(s, "\"q") == 0)
		vt_replyf(vt, "\033P1$r%d\"q\033\\",
		    (vt->pen.attrs & VT_ATTR_PROTECTED) ? 1 : 2);
	else
		vt_reply(vt, "\033P0$r\033\\", 7);
}

void
vt_string_dcs(struct vt *vt)
{
	const struct vt_parser *p = &vt->parser;

	if (p->dcs_final == 'q' && p->ninters == 1 && p->inters[0] == '$' &&
	    p->marker == 0)
		vt_string_decrqss(vt, p->str);
}

/* screen(1): ESC k title ESC \ sets the window title. */
void
vt_string_title(struct vt *vt)
{
	vt_set_title(vt, vt->parser.str, vt->parser.strlen);
}
