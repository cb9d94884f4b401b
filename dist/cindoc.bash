# bash completion for cindoc (installed as share/bash-completion/completions/cindoc).
# Commands, options and their values come from cindoc itself ('cindoc help --commands',
# '--options CMD', '--values OPTION [CASE]'), so they always match the program installed;
# recipient and meeting ids come from the case file already on the command line.

_cindoc_case_on_line()
{
	local w
	for w in "${COMP_WORDS[@]:2}"; do
		case $w in
		*.xml) [ -f "$w" ] && { printf '%s\n' "$w"; return; } ;;
		esac
	done
}

_cindoc()
{
	local cur prev cmd opt words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n = || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		cword=$COMP_CWORD
	fi
	local prog=${COMP_WORDS[0]}
	if [ "$cword" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$("$prog" help --commands 2>/dev/null) help --help --version" -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	if [ "$cmd" = help ]; then
		COMPREPLY=($(compgen -W "$("$prog" help --commands 2>/dev/null) --man" -- "$cur"))
		return
	fi
	if [ "$cmd" = queue ] && [ "$cword" -eq 2 ] && [[ $cur != -* ]]; then
		COMPREPLY=($(compgen -W "mark-issued" -- "$cur") $(compgen -d -- "$cur"))
		return
	fi
	local opts
	opts=$("$prog" help --options "$cmd" 2>/dev/null) || return
	# the option whose value is being typed: "--opt=VALUE" or "--opt VALUE"
	opt=""
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		cur=${cur#*=}
	elif [[ $prev == -* ]] && grep -qx -e "$prev=" <<<"$opts"; then
		opt=$prev
	elif [[ $prev == -? ]] && [[ $prev != -[qvh] ]]; then
		opt=$prev
	fi
	if [ -n "$opt" ]; then
		case $opt in
		--doc|--writer|--lang|--style|--version|--format|--allow-print)
			COMPREPLY=($(compgen -W "$("$prog" help --values "${opt#--}" 2>/dev/null)" -- "$cur")) ;;
		--for|--meeting)
			COMPREPLY=($(compgen -W "$("$prog" help --values "${opt#--}" "$(_cindoc_case_on_line)" 2>/dev/null)" -- "$cur")) ;;
		--user-password-env|--owner-password-env)
			COMPREPLY=($(compgen -v -- "$cur")) ;;
		--today|--date|--within|-j|--jobs|--writer-opts|--user-password|--owner-password)
			COMPREPLY=() ;;
		*)
			COMPREPLY=($(compgen -f -- "$cur")) ;;
		esac
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	case $cmd in
	calendar)
		COMPREPLY=($(compgen -W "add between is days holidays" -- "$cur")) ;;
	queue)
		COMPREPLY=($(compgen -d -- "$cur")) ;;
	render-fo)
		COMPREPLY=($(compgen -f -X '!*.fo' -- "$cur") $(compgen -d -- "$cur")) ;;
	*)
		COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur")) ;;
	esac
}
complete -F _cindoc -o filenames cindoc
