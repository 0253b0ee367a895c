# Asks hadr's bash completion what it offers, as bash does on Tab.
# Usage: bash complete.bash COMPLETION_FILE WORD...  (the last word is the one at the
# cursor; split the words as bash does, `--color=al` as `--color` `=` `al`). With
# HADR_BASH_COMPLETION set, the bash-completion package is loaded first, as on most
# machines; without it, the completion's own fallback runs.
if [ -n "${HADR_BASH_COMPLETION:-}" ]; then
    source "$HADR_BASH_COMPLETION" || exit 2
fi
source "$1" || exit 2
shift
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
# The line as typed: words apart by a space, but `--color=al` written together.
COMP_LINE=""
for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
    if ((i > 0)) && [[ ${COMP_WORDS[i]} != "=" && ${COMP_WORDS[i - 1]} != "=" ]]; then COMP_LINE+=" "; fi
    COMP_LINE+="${COMP_WORDS[i]}"
done
COMP_POINT=${#COMP_LINE}
complete -p hadr >/dev/null || exit 3
_hadr
printf '%s\n' "${COMPREPLY[@]}" | sort -u
