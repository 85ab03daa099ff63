package dev.tars.desktop.memory;

import dev.tars.desktop.fx.Background;
import dev.tars.desktop.fx.I18n;
import dev.tars.memory.Memory;
import dev.tars.memory.MemoryScope;
import dev.tars.memory.MemoryService;
import dev.tars.memory.MemorySettings;
import dev.tars.memory.Proposal;
import dev.tars.desktop.feature.ProjectNames;
import dev.tars.projects.Project;
import dev.tars.projects.ProjectService;
import dev.tars.schedule.DailyJobRunner;
import dev.tars.schedule.JobRun;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Memory page: memories of the chosen scope, facts waiting for an answer, memory settings and the nightly
 * job. UI-thread only; every service call runs in the background.
 */
public final class MemoryViewModel {
  /** A memory as a row shows it. */
  public record Row(Memory memory, String scopeName, String lastUsed) {}

  /** A proposal as a row shows it. */
  public record ProposalRow(Proposal proposal, String scopeName) {}

  /** Which memories the list shows. */
  public record Filter(String label, MemoryScope scope) {
    @Override
    public String toString() {
      return label;
    }
  }

  private final MemoryService memories;
  private final ProjectService projects;
  private final DailyJobRunner nightly;
  private final Background background;
  private final I18n i18n;
  private final ZoneId zone;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ObservableList<ProposalRow> proposals = FXCollections.observableArrayList();
  private final ObservableList<Filter> filters = FXCollections.observableArrayList();
  private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>();
  private final StringProperty textFilter = new SimpleStringProperty("");
  private final BooleanProperty enabled = new SimpleBooleanProperty(true);
  private final BooleanProperty autoAccept = new SimpleBooleanProperty(false);
  private final IntegerProperty budget = new SimpleIntegerProperty(MemorySettings.DEFAULTS.tokenBudget());
  private final ReadOnlyStringWrapper nightlyText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper nightlyRunning = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private List<Memory> all = List.of();
  private Map<Long, String> projectNames = Map.of();

  /** @param nightly may be null when the nightly job is not wired (then its section says so) */
  public MemoryViewModel(MemoryService memories, ProjectService projects, DailyJobRunner nightly,
      Background background, I18n i18n, ZoneId zone) {
    this.memories = memories;
    this.projects = projects;
    this.nightly = nightly;
    this.background = background;
    this.i18n = i18n;
    this.zone = zone;
    filter.addListener((obs, old, now) -> showRows());
    textFilter.addListener((obs, old, now) -> showRows());
    if (nightly != null) {
      nightly.addListener(run -> background.ui().run(() -> {
        nightlyRunning.set(false);
        showNightly(run);
      }));
    }
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public ObservableList<ProposalRow> proposals() {
    return proposals;
  }

  public ObservableList<Filter> filters() {
    return filters;
  }

  public ObjectProperty<Filter> filterProperty() {
    return filter;
  }

  public StringProperty textFilterProperty() {
    return textFilter;
  }

  public BooleanProperty enabledProperty() {
    return enabled;
  }

  public BooleanProperty autoAcceptProperty() {
    return autoAccept;
  }

  public IntegerProperty budgetProperty() {
    return budget;
  }

  public ReadOnlyStringProperty nightlyTextProperty() {
    return nightlyText.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty nightlyRunningProperty() {
    return nightlyRunning.getReadOnlyProperty();
  }

  /** The last failure, in a person's words; empty when the last action worked. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** Scopes a new memory can get: Global and every project. */
  public List<Filter> scopes() {
    return filters.stream().filter(f -> f.scope() != null).toList();
  }

  private record Snapshot(List<Memory> memories, List<Proposal> proposals, List<Project> projects,
      MemorySettings settings, JobRun lastRun) {}

  public void refresh() {
    run(() -> new Snapshot(memories.all(), memories.pendingProposals(), projects.projects(), memories.settings(),
        nightly == null ? null : nightly.lastRun().orElse(null)), this::show);
  }

  public void add(String text, MemoryScope scope, boolean pinned) {
    change(() -> memories.add(scope, text, pinned));
  }

  public void edit(long id, String text, MemoryScope scope, boolean pinned) {
    change(() -> memories.update(id, scope, text, pinned));
  }

  public void togglePin(Memory memory) {
    change(() -> memories.pin(memory.id(), !memory.pinned()));
  }

  public void delete(Memory memory) {
    change(() -> {
      memories.delete(memory.id());
      return null;
    });
  }

  public void accept(Proposal proposal) {
    change(() -> memories.accept(proposal.id()));
  }

  public void reject(Proposal proposal) {
    change(() -> {
      memories.reject(proposal.id());
      return null;
    });
  }

  public void acceptAll() {
    List<Proposal> pending = proposals.stream().map(ProposalRow::proposal).toList();
    change(() -> {
      for (Proposal p : pending) {
        memories.accept(p.id());
      }
      return null;
    });
  }

  /** Saves the memory settings shown. */
  public void saveSettings() {
    MemorySettings value;
    try {
      value = new MemorySettings(enabled.get(), autoAccept.get(), budget.get());
    } catch (IllegalArgumentException e) {
      problem.set(e.getMessage());
      return;
    }
    change(() -> {
      memories.saveSettings(value);
      return null;
    });
  }

  public void runNightlyNow() {
    if (nightly == null || nightlyRunning.get()) {
      return;
    }
    nightlyRunning.set(true);
    nightlyText.set(i18n.get("memory.nightly.running"));
    background.run(() -> nightly.runNow(), started -> {
      if (started == null) {
        nightlyText.set(i18n.get("memory.nightly.alreadyRunning"));
      }
    }, e -> {
      nightlyRunning.set(false);
      problem.set(i18n.get("memory.failed"));
    });
  }

  private void change(Callable<?> work) {
    run(() -> {
      work.call();
      return new Snapshot(memories.all(), memories.pendingProposals(), projects.projects(), memories.settings(),
          nightly == null ? null : nightly.lastRun().orElse(null));
    }, this::show);
  }

  private void show(Snapshot s) {
    problem.set("");
    projectNames = s.projects().stream().collect(Collectors.toMap(Project::id, p -> ProjectNames.shown(p, i18n)));
    Filter keep = filter.get();
    List<Filter> options = new java.util.ArrayList<>();
    options.add(new Filter(i18n.get("memory.scope.all"), null));
    options.add(new Filter(i18n.get("memory.scope.global"), MemoryScope.GLOBAL));
    for (Project p : s.projects()) {
      options.add(new Filter(ProjectNames.shown(p, i18n), MemoryScope.project(p.id())));
    }
    filters.setAll(options);
    filter.set(options.stream().filter(f -> keep != null && java.util.Objects.equals(f.scope(), keep.scope()))
        .findFirst().orElse(options.get(0)));
    all = s.memories();
    showRows();
    proposals.setAll(s.proposals().stream().map(p -> new ProposalRow(p, scopeName(p.scope()))).toList());
    enabled.set(s.settings().enabled());
    autoAccept.set(s.settings().autoAccept());
    budget.set(s.settings().tokenBudget());
    if (!nightlyRunning.get()) {
      showNightly(s.lastRun());
    }
  }

  private void showRows() {
    Filter f = filter.get();
    String needle = textFilter.get() == null ? "" : textFilter.get().strip().toLowerCase(Locale.ROOT);
    // A language without a country ("en") formats MEDIUM dates as "2026 Nov 20"; day month year reads well in both.
    DateTimeFormatter when = DateTimeFormatter.ofPattern("d MMM yyyy", i18n.locale());
    rows.setAll(all.stream()
        .filter(m -> f == null || f.scope() == null || f.scope().equals(m.scope()))
        .filter(m -> needle.isEmpty() || m.text().toLowerCase(Locale.ROOT).contains(needle))
        .sorted(java.util.Comparator.comparing(Memory::pinned).reversed()
            .thenComparing(Memory::updatedAt, java.util.Comparator.reverseOrder()))
        .map(m -> new Row(m, scopeName(m.scope()), m.lastUsedAt() == null ? i18n.get("memory.neverUsed")
            : i18n.get("memory.lastUsed", when.format(m.lastUsedAt().atZone(zone)))))
        .toList());
  }

  private String scopeName(MemoryScope scope) {
    return scope.isGlobal() ? i18n.get("memory.scope.global")
        : projectNames.getOrDefault(scope.projectId(), "?");
  }

  private void showNightly(JobRun run) {
    if (nightly == null) {
      nightlyText.set(i18n.get("memory.nightly.off"));
      return;
    }
    DateTimeFormatter when = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", i18n.locale());
    String next = when.format(nightly.nextRun().atZone(zone));
    if (run == null || run.lastRunAt() == null) {
      nightlyText.set(i18n.get("memory.nightly.never", next));
      return;
    }
    String key = run.outcome() == JobRun.Outcome.FAILED ? "memory.nightly.failed" : "memory.nightly.last";
    nightlyText.set(i18n.get(key, when.format(run.lastRunAt().atZone(zone)), run.result(), next));
  }

  private <T> void run(Callable<T> work, Consumer<T> done) {
    background.run(work, done, e -> problem.set(e instanceof IllegalArgumentException
        || e instanceof java.util.NoSuchElementException ? e.getMessage() : i18n.get("memory.failed")));
  }
}
