# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for examgen: commands, each command's options (read from
# 'examgen help COMMAND', so they never drift from the program), file names
# by extension, and the installed templates by name.

# The installed templates folder beside the examgen found in PATH.
_examgen_templates_dir()
{
	local bin
	bin=$(command -v examgen 2>/dev/null) || return 1
	bin=$(readlink -f "$bin")
	printf '%s\n' "${bin%/bin/*}/share/examgen/templates"
}

# Complete files whose names end in one of the given extensions, and folders.
_examgen_files()
{
	local ext pattern=""
	for ext in "$@"; do
		pattern+="${pattern:+|}$ext"
	done
	_filedir "@($pattern)"
}

# Complete template files, and installed templates by name.
_examgen_template()
{
	local dir t
	_examgen_files yaml yml
	dir=$(_examgen_templates_dir) || return
	[[ $cur == */* ]] && return
	for t in "$dir"/*.yaml; do
		[[ -f $t ]] || continue
		[[ $(basename "$t") == "$cur"* ]] && COMPREPLY+=("$t")
	done
}

_examgen()
{
	local cur prev words cword cmd opts
	_init_completion || return
	if ((cword == 1)); then
		COMPREPLY=($(compgen -W "validate build scan mark grade help --help --version" -- "$cur"))
		return
	fi
	cmd=${words[1]}
	case $cmd in
	help)
		((cword == 2)) &&
			COMPREPLY=($(compgen -W "validate build scan mark grade" -- "$cur"))
		return ;;
	esac
	case $prev in
	--bank) _examgen_files yaml yml; return ;;
	--key) _examgen_files key.yaml; return ;;
	--roster) _examgen_files csv; return ;;
	--xlsx) _examgen_files xlsx; return ;;
	--csv) _examgen_files csv; return ;;
	--json) _examgen_files json; return ;;
	--review | --answers) _filedir -d; return ;;
	--store | --marks) _examgen_files db sqlite; return ;;
	--listen | --marker | --arbiter) return ;;
	--out)
		if [[ $cmd == build ]]; then _filedir -d; else _filedir; fi
		return ;;
	--lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
	--format)
		local prefix=${cur%,*}
		[[ $cur == *,* ]] && prefix+=, || prefix=""
		COMPREPLY=($(compgen -P "$prefix" -W "txt md html pdf" -- "${cur##*,}"))
		compopt -o nospace 2>/dev/null
		return ;;
	--seed | --forms) return ;;
	esac
	if [[ $cur == -* ]]; then
		opts=$(examgen help "$cmd" 2>/dev/null |
			grep -oE '^ +--[a-z][a-z-]*' | tr -d ' ')
		COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
		return
	fi
	case $cmd in
	validate | build) _examgen_template ;;
	grade) _examgen_files csv yaml yml xlsx ;;
	scan) _examgen_files pdf png jpg jpeg tif tiff ;;
	mark) ;;
	*) _filedir ;;
	esac
}
complete -F _examgen examgen
