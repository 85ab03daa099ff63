package dev.tars.desktop.fx;

import javafx.scene.layout.Region;

/** Small vector icons drawn as region shapes, so they take the theme's colours through CSS. */
public final class Icons {
  public static final String ADD = "M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6v2z";
  public static final String SEND = "M2.01 21L23 12 2.01 3 2 10l15 2-15 2z";
  public static final String STOP = "M6 6h12v12H6z";
  public static final String TUNE = "M3 17v2h6v-2H3zM3 5v2h10V5H3zm10 16v-2h8v-2h-8v-2h-2v6h2zM7 9v2H3v2h4v2h2V9H7z"
      + "m14 4v-2H11v2h10zm-6-4h2V7h4V5h-4V3h-2v6z";
  public static final String COPY = "M16 1H4c-1.1 0-2 .9-2 2v14h2V3h12V1zm3 4H8c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h11"
      + "c1.1 0 2-.9 2-2V7c0-1.1-.9-2-2-2zm0 16H8V7h11v14z";
  public static final String REFRESH = "M17.65 6.35C16.2 4.9 14.21 4 12 4c-4.42 0-7.99 3.58-7.99 8s3.57 8 7.99 8"
      + "c3.73 0 6.84-2.55 7.73-6h-2.08c-.82 2.33-3.04 4-5.65 4-3.31 0-6-2.69-6-6s2.69-6 6-6c1.66 0 3.14.69 4.22 1.78"
      + "L13 11h7V4l-2.35 2.35z";
  public static final String DELETE = "M6 19c0 1.1.9 2 2 2h8c1.1 0 2-.9 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z";
  public static final String EDIT = "M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zM20.71 7.04c.39-.39.39-1.02 0-1.41"
      + "l-2.34-2.34c-.39-.39-1.02-.39-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z";
  public static final String SEARCH = "M15.5 14h-.79l-.28-.27C15.41 12.59 16 11.11 16 9.5 16 5.91 13.09 3 9.5 3"
      + "S3 5.91 3 9.5 5.91 16 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0"
      + "C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z";
  public static final String BACK = "M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20v-2z";
  public static final String CHAT = "M20 2H4c-1.1 0-1.99.9-1.99 2L2 22l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2z"
      + "M6 9h12v2H6V9zm8 5H6v-2h8v2zm4-6H6V6h12v2z";
  public static final String FOLDER = "M20 6h-8l-2-2H4c-1.1 0-1.99.9-1.99 2L2 18c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V8"
      + "c0-1.1-.9-2-2-2zm0 12H4V8h16v10z";

  public static final String BOOK = "M18 2H6c-1.1 0-2 .9-2 2v16c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2z"
      + "M6 4h5v8l-2.5-1.5L6 12V4z";
  public static final String HISTORY = "M13 3a9 9 0 0 0-9 9H1l3.89 3.89.07.14L9 12H6c0-3.87 3.13-7 7-7s7 3.13 7 7"
      + "-3.13 7-7 7c-1.93 0-3.68-.79-4.94-2.06l-1.42 1.42A8.954 8.954 0 0 0 13 21a9 9 0 0 0 0-18zm-1 5v5"
      + "l4.28 2.54.72-1.21-3.5-2.08V8H12z";
  public static final String DOWNLOAD = "M19 9h-4V3H9v6H5l7 7 7-7zM5 18v2h14v-2H5z";
  public static final String CHART = "M5 9.2h3V19H5zM10.6 5h2.8v14h-2.8zm5.6 8H19v6h-2.8z";

  private Icons() {}

  /** An icon of {@code size} pixels; its colour is {@code -color-fg-default} unless CSS says otherwise. */
  public static Region icon(String path, double size) {
    Region region = new Region();
    region.getStyleClass().add("icon");
    region.setStyle("-fx-shape: \"" + path + "\";");
    region.setMinSize(size, size);
    region.setPrefSize(size, size);
    region.setMaxSize(size, size);
    return region;
  }
}
