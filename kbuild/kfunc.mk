# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# kbuild/kfunc.mk: lets an out-of-tree Rust kernel module use the `kfunc`
# crate (BPF kfuncs declared with `#[kfunc]`). See kbuild/README.md.
#
# Include it from the module's Kbuild, after the module's own lines:
#
#     obj-m        := mymod.o
#     mymod-y      := mymod_main.o          # composite module: required
#     KFUNC_DIR    ?= $(src)/../..          # the kfunc project root
#     include $(KFUNC_DIR)/kbuild/kfunc.mk
#
# and build with `make -C $KDIR M=$PWD` as any external module.
#
# The file is read in three contexts:
#   1. scripts/Makefile.build (Kbuild): builds the crates with cargo, adds the
#      runtime's object as a part of the module, passes `--extern kfunc` to
#      the module's Rust objects, adds the linker fragment to `ld -r`;
#   2. scripts/Makefile.modpost (which includes the module's Kbuild to read
#      KBUILD_EXTRA_SYMBOLS): after modpost, runs the module final link
#      (scripts/Makefile.modfinal: `.ko` + the kernel's own BTF step) and
#      then `kfunc-btf apply` on the `.ko`, so a plain
#      `make -C $KDIR M=$PWD` produces a finished module;
#   3. the module's own Makefile (no Kbuild variables): provides
#      `kfunc-modules` (make -C $(KDIR) M=$(CURDIR), i.e. 1 + 2),
#      `kfunc-apply`, `kfunc-header`, `kfunc-btf` and `kfunc-clean`.
#
# Variables (all optional except KFUNC_DIR):
#   KFUNC_DIR       the kfunc project root (holds Cargo.toml, runtime/, ...).
#   KFUNC_MODULE    module name (default: the single entry of obj-m).
#   KFUNC_RUST_OBJS module parts that use the crate (default: every part of
#                   $(KFUNC_MODULE)-y whose source is a .rs file).
#   KFUNC_RT_OBJ    name of the part holding the runtime (default kfunc_rt.o).
#   KFUNC_BTF       path of a prebuilt kfunc-btf (default: built with cargo
#                   into $(KFUNC_DIR)/target/kbuild-host).
#   KFUNC_NO_APPLY  =1: do not run `kfunc-btf apply` from modpost (the .ko
#                   is then left without kfunc BTF; registration will fail
#                   with the runtime's "run kfunc-btf apply" error).
#   KFUNC_OFFLINE   =1: never run `cargo fetch` (crates must be in the cache).
#   CARGO           cargo to run (default: cargo).

KFUNC_DIR ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
override KFUNC_DIR := $(abspath $(KFUNC_DIR))
CARGO ?= cargo

ifeq ($(wildcard $(KFUNC_DIR)/runtime/Cargo.toml),)
$(error kfunc: KFUNC_DIR=$(KFUNC_DIR) is not the kfunc project root (no runtime/Cargo.toml))
endif

# What Kbuild exports that a host cargo build (and the build scripts it runs,
# which may call cc or make) must not inherit.
kfunc-clean-env := env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	-u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u RUSTC_BOOTSTRAP -u RUSTC \
	-u RUSTDOC -u CC -u CXX -u AR -u LD -u NM -u OBJCOPY -u STRIP -u CFLAGS \
	-u CROSS_COMPILE -u ARCH

# The host tool: one build per checkout, shared by every module and kernel.
kfunc-host-tdir := $(KFUNC_DIR)/target/kbuild-host
ifeq ($(KFUNC_BTF),)
kfunc-btf-bin := $(kfunc-host-tdir)/release/kfunc-btf
kfunc-build-btf = $(kfunc-clean-env) $(CARGO) build --quiet --release \
	$(if $(filter 1,$(KFUNC_OFFLINE)),--offline) \
	--manifest-path $(KFUNC_DIR)/Cargo.toml --target-dir $(kfunc-host-tdir) \
	-p kfunc-btf --bin kfunc-btf
else
kfunc-btf-bin := $(KFUNC_BTF)
kfunc-build-btf = test -x $(kfunc-btf-bin) || \
	{ echo >&2 "kfunc: KFUNC_BTF=$(kfunc-btf-bin) is not executable"; exit 1; }
endif

ifneq ($(filter %/scripts/Makefile.build,$(MAKEFILE_LIST)),)
# ===========================================================================
# 1. Kbuild (scripts/Makefile.build): build the crates, link the runtime
# ===========================================================================

KFUNC_MODULE ?= $(patsubst %.o,%,$(obj-m))
ifneq ($(words $(KFUNC_MODULE)),1)
$(error kfunc: set KFUNC_MODULE to the one module that uses kfunc (obj-m is '$(obj-m)'))
endif
kfunc-parts := $($(KFUNC_MODULE)-y) $($(KFUNC_MODULE)-objs)
ifeq ($(strip $(kfunc-parts)),)
$(error kfunc: $(KFUNC_MODULE) must be a composite module: write \
  '$(KFUNC_MODULE)-y := <main>.o' with the module! crate in <main>.rs \
  (only a composite module's `ld -r` receives the kfunc linker fragment))
endif
# The crates must be built by the rustc that built the kernel (its `core`
# metadata, and proc macros load only into the rustc that built them). A
# module build without the kernel build's RUSTC= fails obscurely otherwise.
kfunc-rustc-text := $(shell $(RUSTC) --version 2>/dev/null)
ifneq ($(kfunc-rustc-text),$(subst ",,$(CONFIG_RUSTC_VERSION_TEXT)))
$(error kfunc: the kernel in $(abspath $(objtree)) was built with '$(subst ",,$(CONFIG_RUSTC_VERSION_TEXT))' \
  but RUSTC=$(RUSTC) is '$(kfunc-rustc-text)': pass the kernel build's variables \
  (e.g. LLVM=-19 RUSTC=/usr/bin/rustc BINDGEN=...) to this make too)
endif
KFUNC_RT_OBJ ?= kfunc_rt.o
KFUNC_RUST_OBJS ?= $(foreach o,$(filter-out $(KFUNC_RT_OBJ),$(kfunc-parts)),\
	$(if $(wildcard $(src)/$(o:.o=.rs)),$(o)))

# --- where cargo builds -----------------------------------------------------
# The kernel's target: a JSON spec (x86: scripts/target.json, generated by
# the kernel build) or a builtin triple (e.g. arm64's aarch64-unknown-none).
kfunc-ktarget := $(patsubst --target=%,%,$(firstword $(filter --target=%,$(KBUILD_RUSTFLAGS))))
ifeq ($(kfunc-ktarget),)
$(error kfunc: no --target= in KBUILD_RUSTFLAGS: is this a Rust-enabled kernel tree (CONFIG_RUST=y)?)
endif
ifneq ($(filter %.json,$(kfunc-ktarget)),)
kfunc-ktarget := $(abspath $(kfunc-ktarget))
# Newer cargo wants -Zjson-target-spec for a JSON target; older cargo (e.g.
# Debian trixie's 1.85, which builds Debian's kernel) takes one as it is and
# refuses the unknown flag.
kfunc-target-args := --target $(kfunc-ktarget) \
	$(if $(shell $(CARGO) -Z help 2>/dev/null | grep -w json-target-spec),-Zjson-target-spec)
kfunc-target-name := $(basename $(notdir $(kfunc-ktarget)))
else
kfunc-target-args := --target $(kfunc-ktarget)
kfunc-target-name := $(kfunc-ktarget)
endif

kfunc-tdir   := $(abspath $(obj))/.kfunc
kfunc-tdeps  := $(kfunc-tdir)/$(kfunc-target-name)/release/deps
kfunc-hdeps  := $(kfunc-tdir)/release/deps
kfunc-rlib   := $(kfunc-tdir)/$(kfunc-target-name)/release/libkfunc.rlib
kfunc-fetched := $(kfunc-tdir)/.fetched

# --- flags --------------------------------------------------------------------
# The kernel's own flags for module code, minus what cargo supplies itself
# (--edition), the relative --target and the lint levels (-W/-A/-D: they
# name lints of the kernel's own code and clippy). Deriving them keeps
# mitigation and code-model flags in sync with the tree.
# KASAN's flags are not in KBUILD_RUSTFLAGS: the kernel adds them per object
# (scripts/Makefile.lib, module objects included unless KASAN_SANITIZE=n), and
# rustc refuses to link crates built without them against the tree's `core`
# ("mixing `-Zsanitizer` will cause an ABI mismatch"), so they are added here
# the same way.
kfunc-rustflags-kasan = $(if $(filter y,$(CONFIG_KASAN)),$(if $(filter y,$(CONFIG_KASAN_HW_TAGS)),,\
	$(if $(filter n,$(KASAN_SANITIZE)),,$(RUSTFLAGS_KASAN))))
kfunc-rustflags = $(filter-out --target=% --edition=% -W% -A% -D%,\
	$(KBUILD_RUSTFLAGS) $(KBUILD_RUSTFLAGS_MODULE) $(RUSTFLAGS_MODULE)) \
	$(kfunc-rustflags-kasan) \
	--sysroot=/dev/null -L$(abspath $(objtree))/rust -Zunstable-options

# --- kernel capability cfgs (docs/CONTRACT.md) --------------------------------
# KF_* flags the tree defines, verifier parameter suffixes it matches, and
# the program-type hooks it maps (kernel/bpf/btf.c), plus the version.
# Given to the kfunc crate's build script as KFUNC_KERNEL_VERSION /
# KFUNC_KERNEL_CAPS (it generates the gate macro that turns an option the
# kernel lacks into a compile error, and sets the same cfgs for the crate),
# and to the module's crates as cfgs.
# A distribution's headers package has include/ but not kernel/bpf/: without
# these sources the capabilities would silently be empty.
kfunc-cap-srcs := $(srctree)/include/linux/btf.h $(srctree)/kernel/bpf/verifier.c $(srctree)/kernel/bpf/btf.c
ifneq ($(words $(wildcard $(kfunc-cap-srcs))),3)
$(error kfunc: $(abspath $(srctree)) lacks $(filter-out $(wildcard $(kfunc-cap-srcs)),$(kfunc-cap-srcs)), \
  which kfunc reads the kernel's kfunc flags, argument annotations and program hooks from: \
  a distribution's headers package has no kernel/bpf/ (for a Debian kernel, build against the kit of \
  scripts/debian-kit.sh, which adds them from the matching linux-source))
endif
kfunc-cap-flags = $(shell sed -n 's/^\#define[[:space:]]\{1,\}KF_\([A-Z0-9_]\{1,\}\)[[:space:]].*/\1/p' \
	$(srctree)/include/linux/btf.h | tr A-Z a-z)
kfunc-cap-args = $(shell grep -o 'match_suffix.[^"]*"__[a-z_]*"' $(srctree)/kernel/bpf/verifier.c | \
	sed 's/.*"__\([a-z_]*\)"/arg_\1/' | sort -u)
kfunc-cap-hooks = $(shell awk '/^static int bpf_prog_type_to_kfunc_hook/,/^}/' $(srctree)/kernel/bpf/btf.c | \
	sed -n 's/.*case BPF_PROG_TYPE_\(RAW_TRACEPOINT\|SOCK_OPS\):.*/hook_\1/p' | tr A-Z a-z)
# (`__iter` and `__arena__nullable` are verifier-internal, not annotations.)
kfunc-cap-names := $(sort $(kfunc-cap-flags) $(kfunc-cap-hooks) \
	$(filter-out arg_iter arg_arena__nullable,$(kfunc-cap-args)))
kfunc-cap-cfgs := --cfg kfunc_kernel_checked \
	--cfg 'kfunc_kernel_version="$(VERSION).$(PATCHLEVEL)"' \
	$(foreach n,$(kfunc-cap-names),--cfg 'kfunc_kernel_has="$(n)"')

# --- the cargo steps -----------------------------------------------------------
# RUSTC: the rustc that built the kernel (proc macros only load into the
# rustc that built them; `core` metadata must match).
quiet_cmd_kfunc_fetch = CARGO   fetch $(KFUNC_DIR)
      cmd_kfunc_fetch = mkdir -p $(kfunc-tdir) && \
	$(if $(filter 1,$(KFUNC_OFFLINE)),:,\
	$(kfunc-clean-env) $(CARGO) fetch --quiet --manifest-path $(KFUNC_DIR)/Cargo.toml) && \
	touch $@

$(kfunc-fetched): $(wildcard $(KFUNC_DIR)/Cargo.toml $(KFUNC_DIR)/Cargo.lock \
		$(KFUNC_DIR)/runtime/Cargo.toml $(KFUNC_DIR)/macros/Cargo.toml)
	$(call cmd,kfunc_fetch)

quiet_cmd_kfunc_cargo = CARGO   kfunc $(kfunc-target-name) [$(VERSION).$(PATCHLEVEL)]
      cmd_kfunc_cargo = cd $(KFUNC_DIR) && \
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	RUSTC=$(RUSTC) RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(kfunc-rustflags)" \
	KFUNC_KERNEL_VERSION=$(VERSION).$(PATCHLEVEL) \
	KFUNC_KERNEL_CAPS="$(kfunc-cap-names)" \
	$(CARGO) build --quiet --offline --release -p kfunc --lib \
	--manifest-path $(KFUNC_DIR)/Cargo.toml --target-dir $(kfunc-tdir) \
	$(kfunc-target-args)

# FORCE: cargo decides what is stale; the rlib's mtime changes only when
# cargo rebuilt it, so the module's objects are rebuilt only then.
$(kfunc-rlib): $(kfunc-fetched) FORCE
	+$(call cmd,kfunc_cargo)

# --- the runtime's code becomes a part of the module ---------------------------
# The rlib holds one object (the kernel's -Ccodegen-units=1) plus metadata.
quiet_cmd_kfunc_extract = AR      $@
      cmd_kfunc_extract = set -e; rm -f $@; \
	members=$$($(AR) t $< | grep '\.o$$'); \
	test "$$(echo "$$members" | wc -w)" = 1 || \
	{ echo >&2 "kfunc: expected one object in $<, found: $$members"; exit 1; }; \
	$(AR) p $< $$members > $@ \
	$(cmd_objtool)

$(obj)/$(KFUNC_RT_OBJ): $(kfunc-rlib) FORCE
	$(call if_changed,kfunc_extract)
targets += $(KFUNC_RT_OBJ)
$(KFUNC_MODULE)-y += $(KFUNC_RT_OBJ)

# --- the module's Rust crates see `kfunc` --------------------------------------
# ... and the same capability cfgs, so module code can be conditional on the
# kernel: #[cfg(kfunc_kernel_has = "implicit_args")].
$(foreach o,$(KFUNC_RUST_OBJS),$(eval RUSTFLAGS_$(o) += --extern kfunc=$(kfunc-rlib) \
	-L dependency=$(kfunc-tdeps) -L dependency=$(kfunc-hdeps) $(kfunc-cap-cfgs)))
$(addprefix $(obj)/,$(KFUNC_RUST_OBJS)): $(kfunc-rlib)

# --- the linker fragment (flag table right behind its set8 header, linkme
# __start_/__stop_ symbols, interface stubs made non-allocated) ---------------
ldflags-y += -T $(KFUNC_DIR)/kbuild/kfunc.lds

clean-files += .kfunc

else ifneq ($(filter %/scripts/Makefile.modpost,$(MAKEFILE_LIST)),)
# ===========================================================================
# 2. modpost: finish the module now and write its kfunc BTF
# ===========================================================================
# Makefile.modpost includes the module's Kbuild (for KBUILD_EXTRA_SYMBOLS);
# the top Makefile runs Makefile.modfinal (link the .ko, pahole/resolve_btfids)
# right after it and includes nothing of the module's, so there is no hook
# after it. Instead, once modpost's output exists, this runs the very same
# modfinal (same make, same cwd, same environment), then `kfunc-btf apply`.
# The top Makefile's own modfinal run that follows finds every .ko up to
# date (apply left it newer than all its prerequisites) and does nothing.

KFUNC_MODULE ?= $(patsubst %.o,%,$(obj-m))
ifeq ($(KBUILD_MODPOST_NOFINAL)$(KFUNC_NO_APPLY),)
kfunc-ko := $(obj)/$(KFUNC_MODULE).ko

quiet_cmd_kfunc_apply = KFUNC   $(kfunc-ko)
      cmd_kfunc_apply = \
	test -f $(abspath $(objtree))/vmlinux || { echo >&2 "kfunc: $(abspath $(objtree))/vmlinux is missing: \
	$(kfunc-ko) cannot get the BTF its kfuncs need"; exit 1; }; \
	$(kfunc-build-btf) && \
	$(kfunc-btf-bin) apply $(kfunc-ko) --base $(abspath $(objtree))/vmlinux

PHONY += kfunc-apply-after-modfinal
__modpost: kfunc-apply-after-modfinal
kfunc-apply-after-modfinal: $(obj)/Module.symvers
	+$(Q)$(MAKE) -f $(srctree)/scripts/Makefile.modfinal
	+$(call cmd,kfunc_apply)
endif

else ifneq ($(KERNELRELEASE),)
# ===========================================================================
# other Kbuild passes (scripts/Makefile.clean, ...)
# ===========================================================================
clean-files += .kfunc

else
# ===========================================================================
# 3. the module's own Makefile (included without Kbuild): wrapper targets
# ===========================================================================
# KDIR: the kernel build tree (with vmlinux). KFUNC_MODULE: the module name.
KDIR ?= /lib/modules/$(shell uname -r)/build
KFUNC_MODULE ?= $(notdir $(CURDIR))
kfunc-ko = $(CURDIR)/$(KFUNC_MODULE).ko

.PHONY: kfunc-modules kfunc-apply kfunc-header kfunc-btf kfunc-clean

# Build through Kbuild; the modpost context above already runs apply.
kfunc-modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR)

kfunc-btf:
	@$(kfunc-build-btf)

# Explicit re-run of the BTF step (idempotent), e.g. after KFUNC_NO_APPLY=1.
kfunc-apply: kfunc-btf
	$(kfunc-btf-bin) apply $(kfunc-ko) --base $(KDIR)/vmlinux

# The C header BPF programs include: `extern ... __ksym __weak;` per kfunc.
# KFUNC_HEADER: where to write it (default <module>_kfuncs.h).
KFUNC_HEADER ?= $(KFUNC_MODULE)_kfuncs.h
kfunc-header: kfunc-btf
	$(kfunc-btf-bin) header $(kfunc-ko) --base $(KDIR)/vmlinux > $(KFUNC_HEADER).tmp
	mv $(KFUNC_HEADER).tmp $(KFUNC_HEADER)

kfunc-clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
endif
