#!/bin/sh
# deps.sh: scripts/deps.sh as root finds everything installed (make check got
# here), and as a user who is not root it installs nothing: it prints the
# exact apt-get line for what is missing and fails.
. "$(dirname "$0")/lib.sh"
sh "$TCOP_ROOT/scripts/deps.sh" check > "$T/root.out" 2>&1
check "as root with everything installed it exits 0 and says nothing" \
	sh -c "test $? -eq 0 && ! test -s '$T/root.out'"
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1; then
	cp "$TCOP_ROOT/scripts/deps.sh" "$T/deps.sh"
	chmod 755 "$T" "$T/deps.sh"
	TCOP_DEPS_EXTRA=tcop-no-such-package setpriv --reuid=nobody --regid=nogroup \
		--clear-groups sh "$T/deps.sh" check > "$T/user.out" 2>&1
	rc=$?
	check "as a user with a package missing it exits 1" test $rc -eq 1
	check "it prints the exact apt-get install line" \
		grep -q "apt-get install -y tcop-no-such-package" "$T/user.out"
else
	notok "no 'nobody' user or setpriv to run the non-root check"
fi
sh "$TCOP_ROOT/scripts/deps.sh" nonsense > /dev/null 2>&1
check "a wrong argument is a usage error (exit 2)" test $? -eq 2
finish
