// The absolute link of a form: this page's address with the form's fragment (state/link.ts).

import { linkHash } from '../../state/link.ts';

export async function absoluteLink(form: Parameters<typeof linkHash>[0]): Promise<string> {
  return `${location.origin}${location.pathname}${location.search}${await linkHash(form)}`;
}
