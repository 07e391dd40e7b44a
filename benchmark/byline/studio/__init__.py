"""Everything that speaks Label Studio: the generated labeling config, and the client commands.

- :mod:`~byline.studio.config` — the labeling config generated from the inventory (no SDK needed);
- :mod:`~byline.studio.results` — offset records -> Label Studio result lists (no SDK needed);
- :mod:`~byline.studio.documents` — documents to import, read from task files or .txt + sidecar;
- :mod:`~byline.studio.connection` — connecting, and one-line errors for what goes wrong;
- :mod:`~byline.studio.project` — finding, creating and updating the Byline project;
- :mod:`~byline.studio.importer`, :mod:`~byline.studio.exporter`,
  :mod:`~byline.studio.preannotate` — the ``byline studio`` commands' work;
- :mod:`~byline.studio.drafts` — the corpus annotators' working files.

The client modules need the ``label-studio-sdk`` package (the ``byline[studio]`` extra), imported
on first use; nothing here prints.
"""
