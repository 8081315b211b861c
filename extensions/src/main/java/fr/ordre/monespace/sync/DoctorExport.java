package fr.ordre.monespace.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.stream.Stream;
import org.keycloak.util.JsonSerialization;

/**
 * The whole inventory as one streamed answer, one doctor per line (JSON Lines):
 * {@code ["<rpps>", "<ordinalHash>" or null, <enabled>, "<ordinalStatus>" or null]}, then a last
 * line {@code {"count": <doctors>}}. A client that does not read that last line, or reads another
 * count, got a cut-off answer (the status line was already sent) and must not use it.
 */
final class DoctorExport {

    static final String MEDIA_TYPE = "application/jsonl";

    private DoctorExport() {
    }

    static void write(Stream<ExportPage.ExportedDoctor> doctors, OutputStream output) throws IOException {
        JsonGenerator json = JsonSerialization.mapper.getFactory().createGenerator(output);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        long count = 0;
        for (Iterator<ExportPage.ExportedDoctor> it = doctors.iterator(); it.hasNext(); count++) {
            ExportPage.ExportedDoctor doctor = it.next();
            json.writeStartArray();
            json.writeString(doctor.rpps());
            json.writeString(doctor.ordinalHash());
            json.writeBoolean(doctor.enabled());
            json.writeString(doctor.ordinalStatus());
            json.writeEndArray();
        }
        json.writeStartObject();
        json.writeNumberField("count", count);
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }
}
