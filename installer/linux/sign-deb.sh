#!/usr/bin/env bash
# The .deb signing hook (installer/README.md, "Signing the .deb"), run by build-deb.sh on the
# package it made and by build-deb-compat.sh on the package it copied out of its build root:
#   DEB_SIGN_KEY=KEY    debsigs adds an origin signature (the _gpgorigin member) made with this
#                       GnuPG key (GNUPGHOME as usual); debsig-verify or gpg check it
#   DEB_SIGN_CMD="..."  another signing tool instead (a distribution's signing service client),
#                       run with the .deb's path as its last argument
# Neither set: nothing is signed, and that is said on stderr. A configured signing that fails fails
# the build. stdout stays the build scripts' (their last line is the .deb's path).
set -euo pipefail
deb="$(realpath "${1:?usage: sign-deb.sh FILE.deb}")"
if [ -n "${DEB_SIGN_CMD:-}" ]; then
    eval "$DEB_SIGN_CMD \"\$deb\"" >&2
    echo "sign-deb.sh: $deb signed by: $DEB_SIGN_CMD" >&2
elif [ -n "${DEB_SIGN_KEY:-}" ]; then
    command -v debsigs >/dev/null ||
        { echo "sign-deb.sh: DEB_SIGN_KEY needs debsigs (apt-get install debsigs)" >&2; exit 2; }
    # gpg would sign with another key when this one is missing, and debsigs says nothing of it
    wanted="$(gpg --batch --with-colons --list-secret-keys -- "$DEB_SIGN_KEY" 2>/dev/null |
        awk -F: '$1 == "fpr" { print $10 }')" ||
        { echo "sign-deb.sh: no secret key $DEB_SIGN_KEY in GnuPG's keyring (GNUPGHOME)" >&2; exit 2; }
    [ -n "$wanted" ] || { echo "sign-deb.sh: no fingerprint for $DEB_SIGN_KEY in GnuPG's keyring" >&2; exit 2; }
    debsigs --sign=origin --default-key="$DEB_SIGN_KEY" "$deb" >&2
    # checked as a verifier will: the signature over the package's own members, in their order
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && ar x "$deb")
    for member in $(ar t "$deb" | grep -v '^_gpg'); do cat "$work/$member"; done > "$work/signed"
    signer="$(gpg --batch --status-fd 1 --verify "$work/_gpgorigin" "$work/signed" 2>/dev/null |
        awk '$2 == "VALIDSIG" { print $3; print $NF }')" || true
    if ! printf '%s\n' "$signer" | grep -qxF -f <(printf '%s\n' "$wanted"); then
        echo "sign-deb.sh: $deb: the signature does not check out with key $DEB_SIGN_KEY" >&2
        exit 2
    fi
    echo "sign-deb.sh: $deb signed (origin signature, key $DEB_SIGN_KEY)" >&2
else
    echo "sign-deb.sh: no DEB_SIGN_KEY or DEB_SIGN_CMD set: $deb is not signed" >&2
fi
