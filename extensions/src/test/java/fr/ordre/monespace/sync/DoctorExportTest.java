package fr.ordre.monespace.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DoctorExportTest {

    private static String written(Stream<ExportPage.ExportedDoctor> doctors) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DoctorExport.write(doctors, output);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneDoctorPerLineThenTheCount() throws IOException {
        String body = written(Stream.of(
                new ExportPage.ExportedDoctor("10001000016", "0123abcd", true, "inscrit"),
                new ExportPage.ExportedDoctor("10003000006", null, false, null)));
        assertEquals(List.of(
                "[\"10001000016\",\"0123abcd\",true,\"inscrit\"]",
                "[\"10003000006\",null,false,null]",
                "{\"count\":2}"), body.lines().toList());
        assertEquals('\n', body.charAt(body.length() - 1));
    }

    @Test
    void valuesAreJsonEscapedSoALineIsAlwaysOneDoctor() throws IOException {
        String body = written(Stream.of(new ExportPage.ExportedDoctor("x\"y", "a\nb", true, "é\t")));
        assertEquals(List.of("[\"x\\\"y\",\"a\\nb\",true,\"é\\t\"]", "{\"count\":1}"), body.lines().toList());
    }

    @Test
    void anEmptyRealmIsJustTheCount() throws IOException {
        assertEquals("{\"count\":0}\n", written(Stream.empty()));
    }
}
