package dev.otellab.lab.traffic;

/** Where the traffic generator sends its requests. */
public enum TrafficTarget {
    /** lab-web, as the page's users do: each request crosses lab-web and lab-backend. */
    WEB,
    /** lab-backend directly, skipping the web front (one service per trace). */
    BACKEND
}
