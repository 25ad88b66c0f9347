/* Draws each [data-map] with Leaflet from the GeoJSON in its json_script; the page lists the
   places and their coordinates as well, so it stays useful when tiles or scripts fail. The map
   opens on the precise places (properties.fit), not on the broad shapes drawn beside them. */
(function () {
  "use strict";
  if (!window.L) {
    return;
  }
  document.querySelectorAll("[data-map]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-features"));
    if (!source) {
      return;
    }
    var features = JSON.parse(source.textContent);
    // The map stays hidden until scripts run (the list of places stands in); it is shown before
    // Leaflet measures it, since a hidden container is 0x0 and fitBounds would pick a view for that.
    element.classList.add("map--ready");
    var map = window.L.map(element, { scrollWheelZoom: false });
    window.L.tileLayer(element.getAttribute("data-tiles"), {
      attribution: element.getAttribute("data-attribution"),
      maxZoom: 18,
    }).addTo(map);
    var layer = window.L.geoJSON(features, {
      onEachFeature: function (feature, featureLayer) {
        var link = document.createElement("a");
        link.href = feature.properties.url;
        link.textContent = feature.properties.name;
        featureLayer.bindPopup(link);
      },
    }).addTo(map);
    var precise = features.features.filter(function (feature) { return feature.properties.fit; });
    var bounds = precise.length ? window.L.geoJSON({ type: "FeatureCollection", features: precise }).getBounds() : layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 11 });
    } else {
      map.setView([0, 0], 1);
    }
  });
})();
