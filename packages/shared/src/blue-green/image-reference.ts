import { accept, reject, type Parser } from '../inputs/parser.js';

/** A container image reference with an explicit tag: what App Service runs as `DOCKER|<reference>`. */
export interface ImageReference {
  /** As the user wrote it, e.g. `myacr.azurecr.io/augeo/api:1.4.2`. */
  reference: string;
  /** The tag, e.g. `1.4.2`: the version the app is expected to report unless expected-version says otherwise. */
  tag: string;
}

// Docker's grammar, reduced: lower-case path components, an optional registry host[:port], a tag.
const REFERENCE =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;
const EXPECTED =
  'a container image with a tag, such as myregistry.azurecr.io/augeo/api:1.4.2 (no digest-only or untagged references: the tag is the version the app must report)';

/** Parses `name:tag`; a missing tag is refused because `latest` cannot be verified against what the app reports. */
export function parseImage(raw: string): ImageReference | undefined {
  const match = REFERENCE.exec(raw.trim());
  return match?.[1] === undefined ? undefined : { reference: raw.trim(), tag: match[1] };
}

export const imageReference: Parser<ImageReference> = {
  expected: EXPECTED,
  parse(raw) {
    const image = parseImage(raw);
    return image ? accept(image) : reject(EXPECTED);
  },
};

/** `DOCKER|augeo/api:1.2.3` → `augeo/api:1.2.3`; undefined when the slot runs no single container image. */
export function imageOfLinuxFxVersion(linuxFxVersion: string | undefined): string | undefined {
  const match = /^DOCKER\|(\S+)$/i.exec(linuxFxVersion ?? '');
  return match?.[1];
}

export function linuxFxVersionOf(image: ImageReference): string {
  return `DOCKER|${image.reference}`;
}
