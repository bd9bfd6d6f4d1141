package io.jkeepalived.config.build;

import io.jkeepalived.config.ConfigNode;
import io.jkeepalived.config.DiagnosticSink;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.model.BfdInstanceSpec;
import io.jkeepalived.config.model.GarpGroupSpec;
import io.jkeepalived.config.model.TrackFileSpec;
import io.jkeepalived.config.model.TrackProcessSpec;
import io.jkeepalived.config.model.VrrpScriptSpec;
import java.util.Optional;

/** Reads the VRRP-side blocks: vrrp_instance, vrrp_script, track_file, vrrp_track_process, bfd_instance, vrrp_sync_group, garp_group. */
final class VrrpBuilder {
    private final SystemUsers users;
    private final DiagnosticSink sink;
    private final AddressLines addressLines;

    private final boolean defaultScriptUserInvalid;
    /** No script_user and no keepalived_script user: said once, at the first script that needs the default. */
    private final boolean noKeepalivedScriptUser;
    private boolean noKeepalivedScriptUserReported;

    VrrpBuilder(DiagnosticSink sink, AddressLines addressLines, boolean defaultScriptUserInvalid, boolean noKeepalivedScriptUser,
            SystemUsers users) {
        this.users = users;
        this.sink = sink;
        this.addressLines = addressLines;
        this.defaultScriptUserInvalid = defaultScriptUserInvalid;
        this.noKeepalivedScriptUser = noKeepalivedScriptUser;
    }

    /** Where keepalived reports end-of-block checks: the closing brace, taken as the line after the last line inside. */
    static SourcePos endPos(ConfigNode block) {
        var last = block;
        while (!last.children().isEmpty()) {
            last = last.children().get(last.children().size() - 1);
        }
        if (last == block) {
            var p = block.pos();
            return block.isBlock() ? new SourcePos(p.file(), p.line() + 1, 1, p.includeChain()) : p;
        }
        var p = last.pos();
        return new SourcePos(p.file(), p.line() + 1, 1, p.includeChain());
    }

    static String name(ConfigNode block) {
        return block.args().isEmpty() ? "" : block.args().get(0).text();
    }

    Optional<VrrpScriptSpec> script(ConfigNode block) {
        var draft = new VrrpScriptDraft(name(block), users);
        VrrpScriptKeywords.TABLE.readAll(draft, block, sink);
        if (noKeepalivedScriptUser && !noKeepalivedScriptUserReported && draft.needsDefaultUser()) {
            noKeepalivedScriptUserReported = true;
            sink.error(endPos(block), "Unable to set default user keepalived_script for script");
        }
        return draft.finish(block, sink, defaultScriptUserInvalid);
    }

    Optional<TrackFileSpec> trackFile(ConfigNode block) {
        var draft = new TrackFileDraft(name(block));
        TrackFileKeywords.TABLE.readAll(draft, block, sink);
        return draft.finish(block, sink);
    }

    Optional<TrackProcessSpec> trackProcess(ConfigNode block) {
        var draft = new TrackProcessDraft(name(block));
        TrackProcessKeywords.TABLE.readAll(draft, block, sink);
        return draft.finish(block, sink);
    }

    Optional<BfdInstanceSpec> bfd(ConfigNode block) {
        var draft = new BfdInstanceDraft(name(block));
        BfdInstanceKeywords.TABLE.readAll(draft, block, sink);
        return draft.finish(block, sink);
    }

    GarpGroupSpec garpGroup(ConfigNode block, GarpGroupDraft draft) {
        GarpGroupKeywords.TABLE.readAll(draft, block, sink);
        return draft.finish(block, sink);
    }

    UnresolvedSyncGroup syncGroup(ConfigNode block) {
        var draft = new VrrpSyncGroupDraft(name(block));
        VrrpSyncGroupKeywords.TABLE.readAll(draft, block, sink);
        return draft.finish(block);
    }

    VrrpInstanceDraft instance(ConfigNode block, InterfaceCheck interfaces) {
        var d = new VrrpInstanceDraft(block, sink, addressLines, interfaces);
        VrrpInstanceKeywords.TABLE.readAll(d, block, sink);
        return d;
    }
}
